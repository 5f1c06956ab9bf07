# Parley's image: built with Maven, run on a JRE. docker compose up builds it.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY webroot webroot
RUN mvn -B -q package -DskipTests

# Java 25 runs the jar (built for release 17) with compact object headers: 1.4 KB less live heap per idle
# socket than Java 17, CPU per message within noise (docs/benchmarks.md, Java 17 and Java 25)
FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 parley
WORKDIR /app
COPY --from=build /src/target/parley.jar /app/parley.jar
COPY conf/config.json /app/conf/config.json
USER parley
# 8080: HTTP and WebSocket; 5701: Hazelcast member; the event bus port is set with EVENTBUS_PORT
EXPOSE 8080 5701 5702
# a container of one or two cores: SerialGC, the heap following the container's memory limit, a small young
# generation and a heap kept near its live size, since idle sockets make almost no garbage (docs/benchmarks.md,
# JVM flags; for a node of many gigabytes of heap, ZGC and no -Xmn instead)
ENTRYPOINT ["java", "-XX:+UseCompactObjectHeaders", "-XX:+UseSerialGC", "-XX:MaxRAMPercentage=75", "-Xmn16m", \
  "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-jar", "/app/parley.jar", "-conf", "/app/conf/config.json"]

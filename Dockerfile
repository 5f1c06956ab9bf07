# Parley's image: built with Maven, run on a JRE. docker compose up builds it.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY webroot webroot
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
RUN useradd --system --uid 10001 parley
WORKDIR /app
COPY --from=build /src/target/parley.jar /app/parley.jar
COPY conf/config.json /app/conf/config.json
USER parley
# 8080: HTTP and WebSocket; 5701: Hazelcast member; the event bus port is set with EVENTBUS_PORT
EXPOSE 8080 5701 5702
# a small container: the heap follows the container's memory limit
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/parley.jar", "-conf", "/app/conf/config.json"]

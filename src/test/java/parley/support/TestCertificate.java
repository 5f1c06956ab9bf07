package parley.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** A self-signed certificate for 127.0.0.1, made by openssl for one test run. */
public record TestCertificate(Path cert, Path key) {

  public static TestCertificate create() {
    try {
      Path dir = Files.createTempDirectory("parley-tls");
      Path cert = dir.resolve("cert.pem");
      Path key = dir.resolve("key.pem");
      Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
          "-keyout", key.toString(), "-out", cert.toString(), "-subj", "/CN=127.0.0.1",
          "-addext", "subjectAltName=IP:127.0.0.1").redirectErrorStream(true).start();
      String output = new String(openssl.getInputStream().readAllBytes());
      if (!openssl.waitFor(30, TimeUnit.SECONDS) || openssl.exitValue() != 0) throw new AssertionError("openssl failed: " + output);
      return new TestCertificate(cert, key);
    } catch (IOException | InterruptedException e) {
      throw new AssertionError("this test needs openssl: bin/test installs it", e);
    }
  }

  /** base64(SHA-256(SubjectPublicKeyInfo)): what Chromium's --ignore-certificate-errors-spki-list takes. */
  public String spkiHash() {
    try (InputStream in = Files.newInputStream(cert)) {
      var certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getPublicKey().getEncoded());
      return Base64.getEncoder().encodeToString(digest);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}

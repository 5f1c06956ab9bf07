package parley.support;

import io.vertx.core.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Join tokens as an operator's own code mints them: a compact JWS, HS256, in a few lines. */
public final class JoinToken {
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private JoinToken() {
  }

  public static String hs256(String secret, JsonObject claims) {
    return signed("HmacSHA256", new JsonObject().put("alg", "HS256").put("typ", "JWT"), secret, claims);
  }

  /** Signed with another algorithm than HS256 (alg HS512), with the same key. */
  public static String hs512(String secret, JsonObject claims) {
    return signed("HmacSHA512", new JsonObject().put("alg", "HS512").put("typ", "JWT"), secret, claims);
  }

  /** {@code alg: none}: no signature at all. */
  public static String unsigned(JsonObject claims) {
    return part(new JsonObject().put("alg", "none").put("typ", "JWT")) + "." + part(claims) + ".";
  }

  public static long inSeconds(long seconds) {
    return System.currentTimeMillis() / 1000 + seconds;
  }

  private static String signed(String mac, JsonObject header, String secret, JsonObject claims) {
    String body = part(header) + "." + part(claims);
    try {
      Mac hmac = Mac.getInstance(mac);
      hmac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), mac));
      return body + "." + URL.encodeToString(hmac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String part(JsonObject json) {
    return URL.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}

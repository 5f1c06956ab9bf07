package parley.room;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import parley.config.Settings;
import parley.protocol.PeerId;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.Base64;

/**
 * The ICE servers handed to a peer: the configured ones, plus a TURN entry with short-lived
 * TURN REST API credentials (coturn's use-auth-secret) when TURN is configured.
 */
final class IceServers {
  private static final String HMAC = "HmacSHA1";

  private final Settings settings;
  private final Clock clock;

  IceServers(Settings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  JsonArray forPeer(PeerId peer) {
    JsonArray servers = settings.iceServers().copy();
    if (!settings.turnEnabled()) return servers;
    long expiry = clock.instant().plus(settings.turnTtl()).getEpochSecond();
    String username = expiry + ":" + peer.value();
    return servers.add(new JsonObject()
        .put("urls", new JsonArray(settings.turnUrls()))
        .put("username", username)
        .put("credential", credential(settings.turnSecret(), username)));
  }

  static String credential(String secret, String username) {
    try {
      Mac mac = Mac.getInstance(HMAC);
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), HMAC));
      return Base64.getEncoder().encodeToString(mac.doFinal(username.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is part of every Java runtime", e);
    }
  }
}

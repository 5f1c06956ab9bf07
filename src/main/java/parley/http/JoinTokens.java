package parley.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import parley.protocol.PeerName;
import parley.protocol.RoomName;
import parley.room.Rooms;

/**
 * Join tokens: compact JWS signed with HS256 and JOIN_TOKEN_SECRET, whose claims say for which room
 * ({@code room}, or {@code "*"}), until when ({@code exp}, required; {@code nbf} optional, 5 s of leeway
 * each), under which name and whether as a host. vertx-auth-jwt checks the signature (alg none and any
 * other algorithm are refused: HS256 is the only key it holds) and the times.
 */
final class JoinTokens {
  static final int LEEWAY_SECONDS = 5;
  private static final String ANY_ROOM = "*";

  private final JWTAuth auth;

  JoinTokens(Vertx vertx, String secret) {
    this.auth = JWTAuth.create(vertx, new JWTAuthOptions()
        .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(secret))
        .setJWTOptions(new JWTOptions().setLeeway(LEEWAY_SECONDS)));
  }

  /** The newcomer a valid token for {@code room} names; fails for a missing, forged, expired, early or other room's token. */
  Future<Rooms.Newcomer> verify(String token, RoomName room) {
    if (token == null || token.isEmpty()) return Future.failedFuture("no join token");
    return auth.authenticate(new TokenCredentials(token)).compose(user -> {
      JsonObject claims = user.attributes().getJsonObject("accessToken");
      if (!(claims.getValue("exp") instanceof Number)) return Future.failedFuture("the join token has no exp");
      Object forRoom = claims.getValue("room");
      if (!ANY_ROOM.equals(forRoom) && !room.value().equals(forRoom)) return Future.failedFuture("the join token is for another room");
      Object name = claims.getValue("name");
      return Future.succeededFuture(new Rooms.Newcomer(
          name instanceof String text ? PeerName.clean(text) : null, Boolean.TRUE.equals(claims.getValue("host"))));
    });
  }
}

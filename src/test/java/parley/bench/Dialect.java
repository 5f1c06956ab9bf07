package parley.bench;

import io.vertx.core.json.JsonObject;

/** How a benchmark client speaks one server's protocol: what a side of a pair opens, and the relay frame. */
interface Dialect {
  String name();

  /** The URI side {@code side} ("a" or "b") of pair {@code pair} opens. */
  String uri(String run, int pair, String side);

  /** From its first frame (welcome or OPEN), the id this side has; null if the frame is not that. */
  String ownId(JsonObject first, String run, int pair, String side);

  /** The partner's id, if this side learns it from its first frame (Parley's welcome lists the peers). */
  String partnerFromFirst(JsonObject first, String run, int pair, String side);

  /** The partner's id, if {@code frame} announces the partner's arrival; else null. */
  String partnerJoined(JsonObject frame);

  /** The partner's id, if {@code frame} announces the partner is gone; else null. */
  String partnerLeft(JsonObject frame);

  /** The frame up to the send time, and the rest after it: a relayed message is prefix + nanos + suffix. */
  String prefix(String partnerId, boolean sdp);

  String suffix(boolean sdp);

  /** What a client of this server sends to show it is alive, and how often; null when the server pings instead. */
  default String heartbeat() {
    return null;
  }

  long HEARTBEAT_MS = 5_000;

  /** Parley: rooms of two, peer ids given by the server, signals to a peer id. */
  Dialect PARLEY = new Dialect() {
    public String name() {
      return "Parley";
    }

    public String uri(String run, int pair, String side) {
      return "/room/b" + run + "-" + pair;
    }

    public String ownId(JsonObject first, String run, int pair, String side) {
      return "welcome".equals(first.getString("type")) ? first.getString("id") : null;
    }

    public String partnerFromFirst(JsonObject first, String run, int pair, String side) {
      var peers = first.getJsonArray("peers");
      return peers.isEmpty() ? null : peers.getString(0);
    }

    public String partnerJoined(JsonObject frame) {
      return "peer-joined".equals(frame.getString("type")) ? frame.getString("id") : null;
    }

    public String partnerLeft(JsonObject frame) {
      return "peer-left".equals(frame.getString("type")) ? frame.getString("id") : null;
    }

    public String prefix(String partnerId, boolean sdp) {
      return "{\"type\":\"" + (sdp ? "offer" : "candidate") + "\",\"to\":\"" + partnerId + "\",\"data\":{\"t\":";
    }

    public String suffix(boolean sdp) {
      return Payload.suffix(sdp, "}}");
    }
  };

  /** PeerJS server: ids chosen by the client, a message to a destination id; no rooms and no joined event. */
  Dialect PEERJS = new Dialect() {
    public String name() {
      return "PeerJS";
    }

    public String uri(String run, int pair, String side) {
      return "/peerjs?key=peerjs&id=" + id(run, pair, side) + "&token=t" + run;
    }

    private String id(String run, int pair, String side) {
      return "b" + run + "-" + pair + side;
    }

    public String ownId(JsonObject first, String run, int pair, String side) {
      return "OPEN".equals(first.getString("type")) ? id(run, pair, side) : null;
    }

    public String partnerFromFirst(JsonObject first, String run, int pair, String side) {
      return id(run, pair, side.equals("a") ? "b" : "a");
    }

    public String partnerJoined(JsonObject frame) {
      return null;
    }

    public String partnerLeft(JsonObject frame) {
      return null;
    }

    public String prefix(String partnerId, boolean sdp) {
      return "{\"type\":\"" + (sdp ? "OFFER" : "CANDIDATE") + "\",\"dst\":\"" + partnerId + "\",\"payload\":{\"t\":";
    }

    public String suffix(boolean sdp) {
      return Payload.suffix(sdp, "}}");
    }

    /** As the PeerJS client does every 5 s; without it the server drops the socket after alive_timeout (90 s). */
    @Override
    public String heartbeat() {
      return "{\"type\":\"HEARTBEAT\"}";
    }
  };
}

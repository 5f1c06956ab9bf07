package parley.room;

import io.vertx.core.eventbus.EventBus;
import parley.cluster.Addresses;
import parley.cluster.BusEvent;
import parley.cluster.BusEventCodec;
import parley.protocol.PeerId;
import parley.protocol.RoomName;
import parley.roster.RosterEntry;
import parley.roster.Transition;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * Tells everyone concerned what a change to a room did, from the room before and after it, on each
 * receiver's own address (so it arrives in order with what else that receiver is sent): departures,
 * arrivals, hosts, the lock, knocks, and the knockers let in. Newcomers learn the room from their welcome.
 */
final class Notices {
  private final EventBus bus;

  Notices(EventBus bus) {
    this.bus = bus;
  }

  void tell(RoomName room, Transition change) {
    RosterEntry before = change.before();
    RosterEntry after = change.after();
    if (before == after) return;
    Set<String> had = Set.copyOf(before.peers());
    Set<String> has = Set.copyOf(after.peers());
    List<String> stayed = after.peers().stream().filter(had::contains).toList();
    for (String left : before.peers()) {
      if (!has.contains(left)) stayed.forEach(peer -> send(room, peer, new BusEvent.Left(new PeerId(left))));
    }
    for (RosterEntry.Member joined : after.members()) {
      if (had.contains(joined.peer()) || before.knocker(joined.peer()).isPresent()) continue;
      var event = new BusEvent.Joined(new PeerId(joined.peer()), joined.name());
      after.peers().stream().filter(peer -> !peer.equals(joined.peer())).forEach(peer -> send(room, peer, event));
    }
    if (!before.hosts().equals(after.hosts())) {
      var event = new BusEvent.Hosts(id(), after.hosts().stream().map(PeerId::new).toList());
      stayed.forEach(peer -> send(room, peer, event));
    }
    if (before.locked() != after.locked()) {
      var event = new BusEvent.RoomLocked(id(), after.locked());
      stayed.forEach(peer -> send(room, peer, event));
    }
    tellHostsOfKnocks(room, before, after, stayed);
    for (RosterEntry.Knocker knocker : before.knockers()) {
      if (has.contains(knocker.peer())) send(room, knocker.peer(), new BusEvent.Verdict(BusEvent.Verdict.Kind.ADMITTED));
    }
  }

  /** Hosts hear of knockers that came or went; a peer that became host hears of every knocker still waiting. */
  private void tellHostsOfKnocks(RoomName room, RosterEntry before, RosterEntry after, List<String> stayed) {
    Set<String> waited = before.knockers().stream().map(RosterEntry.Knocker::peer).collect(Collectors.toSet());
    Set<String> waits = after.knockers().stream().map(RosterEntry.Knocker::peer).collect(Collectors.toSet());
    for (String host : after.hosts()) {
      if (!after.member(host).isPresent()) continue;
      boolean newHost = !before.isHost(host) || !stayed.contains(host);
      if (stayed.contains(host)) {
        waited.stream().filter(k -> !waits.contains(k)).forEach(k -> send(room, host, new BusEvent.KnockEnded(id(), new PeerId(k))));
      }
      for (RosterEntry.Knocker knocker : after.knockers()) {
        if (newHost || !waited.contains(knocker.peer())) {
          send(room, host, new BusEvent.Knock(id(), new PeerId(knocker.peer()), knocker.name()));
        }
      }
    }
  }

  /**
   * A knocker let in tells the others itself, from the node its signals will come from, just before
   * its welcome: so its offers never overtake the news of its arrival.
   */
  void arrived(RoomName room, RosterEntry entry, RosterEntry.Member member) {
    var event = new BusEvent.Joined(new PeerId(member.peer()), member.name());
    entry.peers().stream().filter(peer -> !peer.equals(member.peer())).forEach(peer -> send(room, peer, event));
  }

  /** Every peer hears the lock's state: for a lock or unlock that left it as it was (a new password, say). */
  void lockState(RoomName room, RosterEntry entry) {
    var event = new BusEvent.RoomLocked(id(), entry.locked());
    entry.peers().forEach(peer -> send(room, peer, event));
  }

  /** A verdict for one peer or knocker only: denied, no space, kicked. */
  void verdict(RoomName room, String peer, BusEvent.Verdict.Kind kind) {
    send(room, peer, new BusEvent.Verdict(kind));
  }

  private static long id() {
    return ThreadLocalRandom.current().nextLong();
  }

  private void send(RoomName room, String peer, BusEvent event) {
    bus.publish(Addresses.peer(room, new PeerId(peer)), event, BusEventCodec.DELIVERY);
  }
}

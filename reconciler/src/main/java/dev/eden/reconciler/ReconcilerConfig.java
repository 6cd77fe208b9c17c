package dev.eden.reconciler;

import dev.eden.reconciler.events.EventRetention;
import dev.eden.reconciler.review.forge.ForgeConfig;
import dev.eden.reconciler.source.GitSourceConfig;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How one reconciler runs.
 *
 * @param source the repository, branch and sub-path
 * @param dataDir where the store ({@code eden.db}) and the bare clone ({@code git/}) live
 * @param poll how often to fetch
 * @param http where to serve hooks, /healthz and /metrics; empty for none
 * @param webhookToken when present, {@code /hooks/git} requires it as a bearer token
 * @param keepAlive how often watch streams get a keep-alive
 * @param heartbeat how often agents are asked to show they are alive (a node silent for 3 is lost)
 * @param eventRetention how long and how many events are kept
 * @param forge where pull requests are previewed ({@code --forge}); empty for no previews
 * @param site signed commits and hosting (air-gapped sites)
 */
public record ReconcilerConfig(
    GitSourceConfig source,
    Path dataDir,
    Duration poll,
    Optional<InetSocketAddress> http,
    Optional<String> webhookToken,
    Duration keepAlive,
    Duration heartbeat,
    EventRetention eventRetention,
    Optional<ForgeConfig> forge,
    SiteOptions site) {

  /** A reconciler that previews no pull request, fetches its repository and verifies nothing. */
  public ReconcilerConfig(
      GitSourceConfig source,
      Path dataDir,
      Duration poll,
      Optional<InetSocketAddress> http,
      Optional<String> webhookToken,
      Duration keepAlive,
      Duration heartbeat,
      EventRetention eventRetention) {
    this(
        source,
        dataDir,
        poll,
        http,
        webhookToken,
        keepAlive,
        heartbeat,
        eventRetention,
        Optional.empty(),
        SiteOptions.defaults());
  }

  public static final Duration DEFAULT_POLL = Duration.ofSeconds(15);
  public static final Duration DEFAULT_KEEPALIVE = Duration.ofSeconds(20);
  public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(30);

  /** Defaults for everything but the repository, the branch, the sub-path and the data dir. */
  public static ReconcilerConfig of(String repo, String branch, String path, Path dataDir) {
    return new ReconcilerConfig(
        new GitSourceConfig(repo, branch, path, dataDir.resolve("git"), ""),
        dataDir,
        DEFAULT_POLL,
        Optional.empty(),
        Optional.empty(),
        DEFAULT_KEEPALIVE,
        DEFAULT_HEARTBEAT,
        EventRetention.defaults());
  }

  public ReconcilerConfig withPoll(Duration every) {
    return new ReconcilerConfig(
        source,
        dataDir,
        every,
        http,
        webhookToken,
        keepAlive,
        heartbeat,
        eventRetention,
        forge,
        site);
  }

  public ReconcilerConfig withHttp(InetSocketAddress address, Optional<String> token) {
    return new ReconcilerConfig(
        source,
        dataDir,
        poll,
        Optional.of(address),
        token,
        keepAlive,
        heartbeat,
        eventRetention,
        forge,
        site);
  }

  public ReconcilerConfig withKeepAlive(Duration every) {
    return new ReconcilerConfig(
        source, dataDir, poll, http, webhookToken, every, heartbeat, eventRetention, forge, site);
  }

  /** The same with an https token (never logged). */
  public ReconcilerConfig withGitToken(String token) {
    GitSourceConfig s =
        new GitSourceConfig(source.repo(), source.branch(), source.path(), source.gitDir(), token);
    return new ReconcilerConfig(
        s, dataDir, poll, http, webhookToken, keepAlive, heartbeat, eventRetention, forge, site);
  }

  public ReconcilerConfig withHeartbeat(Duration every) {
    return new ReconcilerConfig(
        source, dataDir, poll, http, webhookToken, keepAlive, every, eventRetention, forge, site);
  }

  public ReconcilerConfig withEventRetention(EventRetention retention) {
    return new ReconcilerConfig(
        source, dataDir, poll, http, webhookToken, keepAlive, heartbeat, retention, forge, site);
  }

  /** The same, previewing pull requests on {@code forge}. */
  public ReconcilerConfig withForge(ForgeConfig forge) {
    return new ReconcilerConfig(
        source,
        dataDir,
        poll,
        http,
        webhookToken,
        keepAlive,
        heartbeat,
        eventRetention,
        Optional.of(forge),
        site);
  }

  /** The same with {@code site}'s verification and hosting. */
  public ReconcilerConfig withSite(SiteOptions site) {
    return new ReconcilerConfig(
        source,
        dataDir,
        poll,
        http,
        webhookToken,
        keepAlive,
        heartbeat,
        eventRetention,
        forge,
        site);
  }
}

package dev.eden.reconciler.trust;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class AuthorizerTest {

  final List<String> audit = new ArrayList<>();
  final Authorizer authorizer =
      new Authorizer(
          (id, action, target) -> audit.add(id.describe() + " " + action + " " + target));

  static <T> T asUnchecked(Identity id, String method, java.util.function.Supplier<T> body) {
    Context context =
        Context.current().withValues(Identity.CONTEXT_KEY, id, AuthInterceptor.METHOD, method);
    Context previous = context.attach();
    try {
      return body.get();
    } finally {
      context.detach(previous);
    }
  }

  @Test
  void nodeReadsOnlyExportsWhoseVisibleToMatchesItsLabels() {
    Map<String, Map<String, String>> labels =
        Map.of("w1", Map.of("role", "worker"), "m1", Map.of("role", "master"));
    Predicate<String> workersOnly = node -> "worker".equals(labels.get(node).get("role"));

    assertThat(
            asUnchecked(
                new Identity.Node("w1"),
                "eden.v1.CoordService/ReadExport",
                () -> authorizer.requireExportReader("join-token", workersOnly)))
        .isEqualTo(new Identity.Node("w1"));
    assertThatThrownBy(
            () ->
                asUnchecked(
                    new Identity.Node("m1"),
                    "eden.v1.CoordService/ReadExport",
                    () -> authorizer.requireExportReader("join-token", workersOnly)))
        .isInstanceOfSatisfying(
            TrustException.class,
            e -> assertThat(e.reason()).isEqualTo(TrustException.Reason.DENIED));
    assertThat(audit).containsExactly("node/m1 eden.v1.CoordService/ReadExport export join-token");
  }

  @Test
  void nodeTakesAndReleasesOnlyItsOwnPermits() {
    assertThatThrownBy(
            () ->
                asUnchecked(
                    new Identity.Node("a"),
                    "eden.v1.CoordService/ReleasePermit",
                    () -> authorizer.requireNode("b")))
        .hasMessage("node/a may not eden.v1.CoordService/ReleasePermit on node b");
    assertThat(audit).containsExactly("node/a eden.v1.CoordService/ReleasePermit node b");
  }

  @Test
  void rolesIncludeTheWeakerOnes() {
    assertThat(
            asUnchecked(
                new Identity.User("o", Role.OPERATOR),
                "m",
                () -> authorizer.requireRole(Role.VIEWER)))
        .isEqualTo(new Identity.User("o", Role.OPERATOR));
    assertThatThrownBy(
            () ->
                asUnchecked(
                    new Identity.User("o", Role.OPERATOR),
                    "m",
                    () -> authorizer.requireRole(Role.ADMIN)))
        .isInstanceOf(TrustException.class);
    assertThatThrownBy(
            () ->
                asUnchecked(new Identity.Node("n"), "m", () -> authorizer.requireRole(Role.VIEWER)))
        .isInstanceOf(TrustException.class);
  }

  @Test
  void noIdentityIsUnauthenticatedAndInsecureModeAllowsEverything() {
    assertThatThrownBy(() -> authorizer.requireNode("a"))
        .isInstanceOfSatisfying(
            TrustException.class,
            e -> assertThat(e.reason()).isEqualTo(TrustException.Reason.UNAUTHENTICATED));
    assertThat(asUnchecked(new Identity.Insecure(), "m", () -> authorizer.requireNode("a")))
        .isEqualTo(new Identity.Insecure());
  }

  @Test
  void certificateIdentityUrisRoundTrip() {
    assertThat(SubjectNames.parse(SubjectNames.nodeUri("web-1")))
        .contains(new Identity.Node("web-1"));
    assertThat(SubjectNames.parse(SubjectNames.userUri("ana", Role.OPERATOR)))
        .contains(new Identity.User("ana", Role.OPERATOR));
    assertThat(SubjectNames.parse("eden://user/ana")).isEmpty();
    assertThat(SubjectNames.parse("eden://node/../etc")).isEmpty();
    assertThat(SubjectNames.parse("https://node/a")).isEmpty();
  }
}

package dev.eden.schema.validate;

import static dev.eden.schema.validate.BadManifest.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Node labels in two places and CronJob TaskBook lists: one named row per bad input. */
class ObjectModelErrorsTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsEachProblemAtItsNode(BadManifest c) {
    assertThat(c.errors()).containsExactlyElementsOf(c.expected());
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "nodeLabelWithTwoValues",
            """
            apiVersion: v1alpha
            kind: Node
            metadata:
              name: web-1
              labels: {tier: web, zone: a}
            spec:
              labels: {zone: b, tier: web}
            """,
            "bad.yaml:7:12: label 'zone' is 'a' in metadata.labels (at bad.yaml:5:23) and 'b'"
                + " in spec.labels (at bad.yaml:7:12); give it one value, in metadata.labels"),
        row(
            "nodeMetadataLabelNotText",
            """
            apiVersion: v1alpha
            kind: Node
            metadata: {name: web-1, labels: {tier: [web]}}
            """,
            "bad.yaml:3:40: 'tier' must be a string, found a list"),
        row(
            "cronJobWithTaskBookAndTaskBooks",
            """
            apiVersion: v1alpha
            kind: CronJob
            metadata: {name: nightly, namespace: prod}
            spec: {schedule: "0 3 * * *", taskBook: web, taskBooks: [web]}
            """,
            "bad.yaml:4:46: CronJob spec takes one of 'taskBook', 'taskBooks', found both"
                + " 'taskBook' (at bad.yaml:4:31) and 'taskBooks'; keep one"),
        row(
            "cronJobWithNoTaskBook",
            """
            apiVersion: v1alpha
            kind: CronJob
            metadata: {name: nightly, namespace: prod}
            spec: {schedule: "0 3 * * *"}
            """,
            "bad.yaml:4:1: CronJob spec needs one of 'taskBook', 'taskBooks'"),
        row(
            "cronJobTaskBooksEmpty",
            """
            apiVersion: v1alpha
            kind: CronJob
            metadata: {name: nightly, namespace: prod}
            spec: {schedule: "0 3 * * *", taskBooks: []}
            """,
            "bad.yaml:4:42: 'taskBooks' is empty: name at least one TaskBook to run"),
        row(
            "cronJobTaskBooksNotAList",
            """
            apiVersion: v1alpha
            kind: CronJob
            metadata: {name: nightly, namespace: prod}
            spec: {schedule: "0 3 * * *", taskBooks: web}
            """,
            "bad.yaml:4:42: 'taskBooks' must be a list, found \"web\""),
        row(
            "cronJobTaskBooksNamesMissingOne",
            """
            apiVersion: v1alpha
            kind: CronJob
            metadata: {name: nightly, namespace: prod}
            spec:
              schedule: "0 3 * * *"
              taskBooks: [web, wbe]
            """,
            "bad.yaml:6:20: CronJob prod/nightly names TaskBook 'wbe' in namespace 'prod', which"
                + " does not exist (did you mean 'web'?)"),
        row(
            "cronJobTaskBooksNamesOneTwice",
            """
            apiVersion: v1alpha
            kind: CronJob
            metadata: {name: nightly, namespace: prod}
            spec:
              schedule: "0 3 * * *"
              taskBooks:
                - web
                - web
            """,
            "bad.yaml:8:7: TaskBook 'web' is named twice in 'taskBooks' (first at"
                + " bad.yaml:7:7); run it once"),
        row(
            "cronJobTaskBooksBadName",
            """
            apiVersion: v1alpha
            kind: CronJob
            metadata: {name: nightly, namespace: prod}
            spec: {schedule: "0 3 * * *", taskBooks: [Web_1]}
            """,
            "bad.yaml:4:43: CronJob prod/nightly names TaskBook 'Web_1' in namespace 'prod', which"
                + " does not exist (did you mean 'web'?)",
            "bad.yaml:4:43: invalid taskBooks[0] \"Web_1\": must consist of lowercase letters,"
                + " digits, '-' and '.', and start and end with a letter or digit"));
  }
}

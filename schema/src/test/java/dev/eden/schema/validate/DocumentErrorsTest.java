package dev.eden.schema.validate;

import static dev.eden.schema.validate.BadManifest.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Multi-document files, missing parts and wrong shapes of whole parts: one named row each. */
class DocumentErrorsTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsEachProblemAtItsNode(BadManifest c) {
    assertThat(c.errors()).containsExactlyElementsOf(c.expected());
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "yamlTabIndentation",
            "apiVersion: v1alpha\nkind: NodeGroup\nmetadata:\n\tname: db\n",
            "bad.yaml:4:1: YAML syntax error: found character '\\t(TAB)' that cannot start any token."
                + " (Do not use \\t(TAB) for indentation) (while scanning for the next token)"),
        row(
            "errorInSecondDocumentOfAFile",
            """
            apiVersion: v1alpha
            kind: NodeGroup
            metadata: {name: db}
            spec: {selector: "tier=db"}
            ---
            apiVersion: v1alpha
            kind: NodeGroup
            metadata: {name: cache}
            spec: {selector: "tier=cache", nodes: cache-1}
            """,
            "bad.yaml:9:39: 'nodes' must be a list, found \"cache-1\""),
        row(
            "missingMetadataAltogether",
            """
            # a NodeGroup without a name
            apiVersion: v1alpha
            kind: NodeGroup
            spec: {selector: "tier=db"}
            """,
            "bad.yaml:2:1: missing required field 'metadata' in object"),
        row(
            "unknownKindWithoutSuggestion",
            """
            apiVersion: v1alpha
            kind: Deployment
            metadata: {name: db}
            """,
            "bad.yaml:2:7: unknown kind 'Deployment'; expected one of NodeGroup, Node, Config,"
                + " ClusterVariable, ClusterEvent, TaskBook, Variable, CronJob, Beacon, Trigger,"
                + " Event"),
        row(
            "parametersAreAList",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              steps:
                - name: a
                  action: cmd.run
                  parameters: [cmd, "true"]
            """,
            "bad.yaml:8:19: 'parameters' must be a mapping, found a list"),
        row(
            "requiresIsAString",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              steps:
                - {name: a, action: cmd.run, parameters: {cmd: "true"}}
                - {name: b, action: cmd.run, parameters: {cmd: "true"}, requires: a}
            """,
            "bad.yaml:7:71: 'requires' must be a list, found \"a\""),
        row(
            "stepIsAString",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              steps:
                - install nginx
            """,
            "bad.yaml:6:7: 'steps[0]' must be a mapping, found \"install nginx\""),
        row(
            "clusterVariableWithoutValues",
            """
            apiVersion: v1alpha
            kind: ClusterVariable
            metadata: {name: site}
            spec:
              selector: "tier=web"
            """,
            "bad.yaml:4:1: missing required field 'values' in ClusterVariable spec"),
        row(
            "eventWithoutReasonAndBadType",
            """
            apiVersion: v1alpha
            kind: Event
            metadata: {name: e, namespace: prod}
            spec: {type: Error}
            """,
            "bad.yaml:4:1: missing required field 'reason' in Event spec",
            "bad.yaml:4:14: unknown event type 'Error'; expected one of Normal, Warning"),
        row(
            "beaconWithoutCheckOrEmit",
            """
            apiVersion: v1alpha
            kind: Beacon
            metadata: {name: up, namespace: prod}
            spec:
              targets: {selector: "tier=web"}
              interval: 1m
            """,
            "bad.yaml:4:1: missing required field 'check' in Beacon spec",
            "bad.yaml:4:1: missing required field 'emit' in Beacon spec"),
        row(
            "triggerWaitForMoreWithoutTimeout",
            """
            apiVersion: v1alpha
            kind: Trigger
            metadata: {name: react, namespace: prod}
            spec:
              match: {reason: Down}
              waitForMore: {resetTimeoutOnMore: yes}
              run: {taskBook: web}
            """,
            "bad.yaml:6:3: missing required field 'timeout' in waitForMore",
            "bad.yaml:6:37: 'resetTimeoutOnMore' must be true or false, found \"yes\""),
        row(
            "multiLineInlineTemplateDoesNotParse",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              steps:
                - name: motd
                  action: file.managed
                  parameters:
                    path: /etc/motd
                    content: |
                      Welcome to {{node.name}}
                      {{#if vars.banner}}{{vars.banner}}
            """,
            "bad.yaml:10:18: template does not parse: found: 'EOF', expected: '{{/' (line 3 of"
                + " the text)"),
        row(
            "labelValueIsAMapping",
            """
            apiVersion: v1alpha
            kind: Node
            metadata: {name: db-1}
            spec:
              labels: {tier: {name: db}}
            """,
            "bad.yaml:5:18: 'tier' must be a string, found a mapping"));
  }
}

package dev.eden.schema.validate;

import static dev.eden.schema.validate.BadManifest.row;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad YAML, envelopes, metadata, fields, types and enum words: one named row per case. */
class EnvelopeAndFieldErrorsTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsEachProblemAtItsNode(BadManifest c) {
    assertThat(c.errors()).containsExactlyElementsOf(c.expected());
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        row(
            "yamlUnclosedFlowMapping",
            """
            apiVersion: v1alpha
            kind: NodeGroup
            metadata: {name: db
            spec: {selector: "tier=db"}
            """,
            "bad.yaml:4:5: YAML syntax error: expected ',' or '}', but got : (while parsing a flow"
                + " mapping)"),
        row(
            "yamlBadIndentation",
            """
            apiVersion: v1alpha
            kind: NodeGroup
            metadata:
              name: db
             spec: {}
            """,
            "bad.yaml:5:2: YAML syntax error: expected <block end>, but found '<block mapping"
                + " start>' (while parsing a block mapping)"),
        row(
            "yamlDuplicateKey",
            """
            apiVersion: v1alpha
            kind: NodeGroup
            metadata: {name: db}
            spec: {selector: "tier=db"}
            kind: Node
            """,
            "bad.yaml:5:1: duplicate key 'kind' (first at line 2)"),
        row(
            "documentIsNotAMapping",
            """
            - apiVersion: v1alpha
            - kind: NodeGroup
            """,
            "bad.yaml:1:1: a manifest must be a mapping, found a list"),
        row(
            "unknownApiVersion",
            """
            apiVersion: v1
            kind: NodeGroup
            metadata: {name: db}
            spec: {selector: "tier=db"}
            """,
            "bad.yaml:1:13: unknown apiVersion 'v1'; expected one of v1alpha"),
        row(
            "missingKind",
            """
            apiVersion: v1alpha
            metadata: {name: db}
            spec: {selector: "tier=db"}
            """,
            "bad.yaml:1:1: missing required field 'kind' in object"),
        row(
            "unknownKindWithSuggestion",
            """
            apiVersion: v1alpha
            kind: TaskBok
            metadata: {name: db, namespace: prod}
            spec: {}
            """,
            "bad.yaml:2:7: unknown kind 'TaskBok' (did you mean 'TaskBook'?); expected one of"
                + " NodeGroup, Node, Config, ClusterVariable, ClusterEvent, TaskBook, Variable,"
                + " CronJob, Beacon, Trigger, Event"),
        row(
            "unknownTopLevelFieldWithSuggestion",
            """
            apiVersion: v1alpha
            kind: NodeGroup
            metdata: {name: db}
            spec: {selector: "tier=db"}
            """,
            "bad.yaml:1:1: missing required field 'metadata' in object",
            "bad.yaml:3:1: unknown field 'metdata' in object (did you mean 'metadata'?)"),
        row(
            "missingMetadataName",
            """
            apiVersion: v1alpha
            kind: NodeGroup
            metadata:
              labels: {tier: db}
            spec: {selector: "tier=db"}
            """,
            "bad.yaml:3:1: missing required field 'name' in metadata"),
        row(
            "badObjectName",
            """
            apiVersion: v1alpha
            kind: NodeGroup
            metadata: {name: Web_Servers}
            spec: {selector: "tier=web"}
            """,
            "bad.yaml:3:18: invalid name \"Web_Servers\": must consist of lowercase letters,"
                + " digits, '-' and '.', and start and end with a letter or digit"),
        row(
            "badNamespaceName",
            """
            apiVersion: v1alpha
            kind: Variable
            metadata: {name: vars, namespace: prod.eu}
            spec: {values: {a: 1}}
            """,
            "bad.yaml:3:35: invalid namespace \"prod.eu\": must consist of lowercase letters,"
                + " digits and '-', and start and end with a letter or digit"),
        row(
            "namespacedKindWithoutNamespace",
            """
            apiVersion: v1alpha
            kind: Variable
            metadata:
              name: vars
            spec: {values: {a: 1}}
            """,
            "bad.yaml:3:1: missing required field 'namespace' in metadata (Variable is a"
                + " namespaced kind)"),
        row(
            "globalKindWithNamespace",
            """
            apiVersion: v1alpha
            kind: NodeGroup
            metadata:
              name: db
              namespace: prod
            spec: {selector: "tier=db"}
            """,
            "bad.yaml:5:3: NodeGroup is a global kind and takes no namespace"),
        row(
            "missingSpec",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            """,
            "bad.yaml:1:1: missing required field 'spec' in TaskBook"),
        row(
            "specIsNotAMapping",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec: steps
            """,
            "bad.yaml:4:7: 'spec' must be a mapping, found \"steps\""),
        row(
            "unknownSpecFieldWithSuggestion",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              stpes: []
            """,
            "bad.yaml:4:1: missing required field 'steps' in TaskBook spec",
            "bad.yaml:5:3: unknown field 'stpes' in TaskBook spec (did you mean 'steps'?)"),
        row(
            "unknownStepFieldWithSuggestion",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              steps:
                - name: a
                  action: cmd.run
                  parameters: {cmd: "true"}
                  requries: [b]
            """,
            "bad.yaml:9:7: unknown field 'requries' in step (did you mean 'requires'?)"),
        row(
            "unknownFieldWithoutSuggestion",
            """
            apiVersion: v1alpha
            kind: NodeGroup
            metadata: {name: db}
            spec: {selector: "tier=db", colour: red}
            """,
            "bad.yaml:4:29: unknown field 'colour' in NodeGroup spec"),
        row(
            "missingStepsField",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              mode: once
            """,
            "bad.yaml:4:1: missing required field 'steps' in TaskBook spec"),
        row(
            "missingStepAction",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              steps:
                - name: a
                  parameters: {cmd: "true"}
            """,
            "bad.yaml:6:7: missing required field 'action' in step"),
        row(
            "stepsIsAString",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              steps: foo
            """,
            "bad.yaml:5:10: 'steps' must be a list, found \"foo\""),
        row(
            "boolFieldWithWord",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              suspend: maybe
              steps: [{name: a, action: cmd.run, parameters: {cmd: "true"}}]
            """,
            "bad.yaml:5:12: 'suspend' must be true or false, found \"maybe\""),
        row(
            "listFieldWithScalar",
            """
            apiVersion: v1alpha
            kind: NodeGroup
            metadata: {name: db}
            spec: {nodes: db-1}
            """,
            "bad.yaml:4:15: 'nodes' must be a list, found \"db-1\""),
        row(
            "labelsAreAList",
            """
            apiVersion: v1alpha
            kind: Node
            metadata: {name: db-1}
            spec:
              labels: [tier, db]
            """,
            "bad.yaml:5:11: 'labels' must be a mapping, found a list"),
        row(
            "badTaskBookMode",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              mode: onse
              steps: [{name: a, action: cmd.run, parameters: {cmd: "true"}}]
            """,
            "bad.yaml:5:9: unknown mode 'onse' (did you mean 'once'?); expected one of converge,"
                + " once, manual"),
        row(
            "badConcurrencyPolicy",
            """
            apiVersion: v1alpha
            kind: CronJob
            metadata: {name: nightly, namespace: prod}
            spec: {schedule: "0 3 * * *", taskBook: web, concurrencyPolicy: Never}
            """,
            "bad.yaml:4:65: unknown concurrencyPolicy 'Never'; expected one of Forbid, Allow,"
                + " Replace"),
        row(
            "badEmitOn",
            """
            apiVersion: v1alpha
            kind: Beacon
            metadata: {name: up, namespace: prod}
            spec:
              targets: {selector: "tier=web"}
              interval: 10s
              check: {action: cmd.run, parameters: {cmd: "true"}}
              emit: {reason: Down, on: failed}
            """,
            "bad.yaml:8:28: unknown emit.on 'failed'; expected one of failure, recovery, change,"
                + " always"),
        row(
            "unknownActionWithSuggestion",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              steps:
                - name: a
                  action: cmd.runn
                  parameters: {cmd: "true"}
            """,
            "bad.yaml:7:15: unknown action 'cmd.runn' (did you mean 'cmd.run'?); expected one of"
                + " file.managed, file.absent, directory, symlink, cmd.run, pkg.installed,"
                + " pkg.removed, service.running, service.stopped"),
        row(
            "durationWithoutMeaning",
            """
            apiVersion: v1alpha
            kind: Beacon
            metadata: {name: up, namespace: prod}
            spec:
              targets: {selector: "tier=web"}
              interval: soon
              check: {action: cmd.run, parameters: {cmd: "true"}}
              emit: {reason: Down}
            """,
            "bad.yaml:6:13: bad duration 'soon' for 'interval': expected a duration such as 30s,"
                + " 10m, 1h30m or 500ms"),
        row(
            "durationWithoutUnit",
            """
            apiVersion: v1alpha
            kind: Trigger
            metadata: {name: react, namespace: prod}
            spec:
              match: {reason: Down}
              window: 60
              run: {taskBook: web}
            """,
            "bad.yaml:6:11: bad duration '60' for 'window': expected a duration such as 30s, 10m,"
                + " 1h30m or 500ms"),
        row(
            "zeroInterval",
            """
            apiVersion: v1alpha
            kind: Beacon
            metadata: {name: up, namespace: prod}
            spec:
              targets: {selector: "tier=web"}
              interval: 0s
              check: {action: cmd.run, parameters: {cmd: "true"}}
              emit: {reason: Down}
            """,
            "bad.yaml:6:13: 'interval' must be longer than 0"),
        row(
            "serializeCountZero",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              steps:
                - name: a
                  action: cmd.run
                  parameters: {cmd: "true"}
                  runOptions: {serialize: {count: 0}}
            """,
            "bad.yaml:9:39: 'count' must be an integer >= 1, found 0"),
        row(
            "serializeCountWord",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              steps:
                - name: a
                  action: cmd.run
                  parameters: {cmd: "true"}
                  runOptions:
                    serialize: {count: "two"}
            """,
            "bad.yaml:10:28: 'count' must be an integer >= 1, found \"two\""),
        row(
            "minOccurrencesNegative",
            """
            apiVersion: v1alpha
            kind: Trigger
            metadata: {name: react, namespace: prod}
            spec:
              match: {reason: Down}
              minOccurrences: -1
              run: {taskBook: web}
            """,
            "bad.yaml:6:19: 'minOccurrences' must be an integer >= 1, found -1"),
        row(
            "retryWithoutLimit",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              steps:
                - name: a
                  action: cmd.run
                  parameters: {cmd: "true"}
                  conditions:
                    when: {condition: "true", retry: {interval: 5x}}
            """,
            "bad.yaml:10:35: missing required field 'limit' in retry",
            "bad.yaml:10:53: bad duration '5x' for 'interval': expected a duration such as 30s,"
                + " 10m, 1h30m or 500ms"),
        row(
            "selectorPlainBadOperator",
            """
            apiVersion: v1alpha
            kind: NodeGroup
            metadata: {name: db}
            spec:
              selector: tier=db,env~prod
            """,
            "bad.yaml:5:24: bad selector \"tier=db,env~prod\": expected one of '=', '!=', 'in',"
                + " 'notin', ',' after key 'env', found '~'"),
        row(
            "selectorQuotedUnclosedSet",
            """
            apiVersion: v1alpha
            kind: NodeGroup
            metadata: {name: db}
            spec:
              selector: "tier in (db,cache"
            """,
            "bad.yaml:5:31: bad selector \"tier in (db,cache\": expected ')' at the end of the"
                + " selector"),
        row(
            "selectorInStepTarget",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              steps:
                - name: a
                  action: cmd.run
                  parameters: {cmd: "true"}
                  runOptions: {target: {limit: 1, selector: "role=master worker"}}
            """,
            "bad.yaml:9:62: bad selector \"role=master worker\": expected ',', found 'w'"),
        row(
            "stepTargetSelectorAloneIsValid",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              steps:
                - name: a
                  action: cmd.run
                  parameters: {cmd: "true"}
                  runOptions: {target: {selector: "role=worker"}}
            """),
        row(
            "stepTargetWithNeitherLimitNorSelector",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              steps:
                - name: a
                  action: cmd.run
                  parameters: {cmd: "true"}
                  runOptions: {target: {}}
            """,
            "bad.yaml:9:20: target needs at least one of 'limit', 'selector'"),
        row(
            "exportVisibleToBad",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              steps:
                - name: a
                  action: cmd.run
                  parameters: {cmd: "true"}
                  export: {name: token, visibleTo: "!"}
            """,
            "bad.yaml:9:42: bad selector \"!\": expected a label key at the end of the"
                + " selector"),
        row(
            "triggerRunOnNeitherEmittersNorSelector",
            """
            apiVersion: v1alpha
            kind: Trigger
            metadata: {name: react, namespace: prod}
            spec:
              match: {reason: Down}
              run: {taskBook: web, on: "emitters only"}
            """,
            "bad.yaml:6:38: bad selector \"emitters only\": expected one of '=', '!=', 'in',"
                + " 'notin', ',' after key 'emitters', found 'only'"),
        row(
            "nodeGroupWithoutSelectorOrNodes",
            """
            apiVersion: v1alpha
            kind: NodeGroup
            metadata: {name: db}
            spec:
              vars: {a: 1}
            """,
            "bad.yaml:4:1: NodeGroup spec needs at least one of 'selector', 'nodes'"));
  }
}

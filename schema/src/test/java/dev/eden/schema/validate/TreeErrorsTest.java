package dev.eden.schema.validate;

import static dev.eden.schema.validate.BadManifest.row;
import static dev.eden.schema.validate.BadManifest.rowFiles;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Steps, actions, templates, references between objects, duplicates, cron and time zones: one named
 * row per case.
 */
class TreeErrorsTest {

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsEachProblemAtItsNode(BadManifest c) {
    assertThat(c.errors()).containsExactlyElementsOf(c.expected());
  }

  private static final String NIGHTLY =
      """
      apiVersion: v1alpha
      kind: CronJob
      metadata: {name: nightly, namespace: prod}
      spec:
        taskBook: web
        schedule: "%s"
      """;

  static String taskBook(String steps) {
    return """
        apiVersion: v1alpha
        kind: TaskBook
        metadata: {name: db, namespace: prod}
        spec:
          steps:
        """
        + steps.indent(4);
  }

  static Stream<Arguments> cases() {
    return Stream.concat(steps(), Stream.concat(templates(), references()));
  }

  static Stream<Arguments> steps() {
    return Stream.of(
        row(
            "duplicateStepName",
            taskBook(
                """
                - {name: a, action: cmd.run, parameters: {cmd: "true"}}
                - {name: a, action: cmd.run, parameters: {cmd: "false"}}
                """),
            "bad.yaml:7:14: duplicate step name 'a' (first defined at bad.yaml:6:14)"),
        row(
            "requiresMissingStepWithSuggestion",
            taskBook(
                """
                - {name: install, action: cmd.run, parameters: {cmd: "true"}}
                - {name: start, action: cmd.run, requires: [instal], parameters: {cmd: "true"}}
                """),
            "bad.yaml:7:49: step 'start' requires 'instal', which is not a step of this TaskBook"
                + " (did you mean 'install'?)"),
        row(
            "requiresCycle",
            taskBook(
                """
                - {name: a, action: cmd.run, requires: [c], parameters: {cmd: "true"}}
                - {name: b, action: cmd.run, requires: [a], parameters: {cmd: "true"}}
                - {name: c, action: cmd.run, requires: [b], parameters: {cmd: "true"}}
                """),
            "bad.yaml:7:45: steps form a cycle through requires: a -> c -> b -> a"),
        row(
            "requiresItself",
            taskBook(
                """
                - {name: a, action: cmd.run, requires: [a], parameters: {cmd: "true"}}
                """),
            "bad.yaml:6:45: steps form a cycle through requires: a -> a"),
        row(
            "reloadOnMissingStep",
            taskBook(
                """
                - name: nginx
                  action: service.running
                  parameters: {name: nginx, reloadOn: [config]}
                """),
            "bad.yaml:8:44: step 'nginx' reloadOn 'config', which is not a step of this TaskBook"),
        row(
            "unknownParameterWithSuggestion",
            taskBook(
                """
                - name: a
                  action: file.absent
                  parameters: {pth: /tmp/x}
                """),
            "bad.yaml:8:7: missing required parameter 'path' for action file.absent",
            "bad.yaml:8:20: unknown parameter 'pth' for action file.absent (did you mean"
                + " 'path'?); expected one of path"),
        row(
            "missingRequiredParameter",
            taskBook(
                """
                - name: a
                  action: cmd.run
                  parameters:
                    creates: /tmp/x
                """),
            "bad.yaml:8:7: missing required parameter 'cmd' for action cmd.run"),
        row(
            "missingParametersAltogether",
            taskBook(
                """
                - name: a
                  action: symlink
                """),
            "bad.yaml:6:7: missing required parameter 'path' for action symlink",
            "bad.yaml:6:7: missing required parameter 'target' for action symlink"),
        row(
            "fileManagedWithoutContentTemplateOrSource",
            taskBook(
                """
                - name: a
                  action: file.managed
                  parameters: {path: /etc/motd, mode: "0644"}
                """),
            "bad.yaml:8:7: action file.managed needs exactly one of 'content', 'template',"
                + " 'source'"),
        row(
            "fileManagedWithContentAndSource",
            taskBook(
                """
                - name: a
                  action: file.managed
                  parameters:
                    path: /etc/motd
                    content: hello
                    source: /srv/motd
                """),
            "bad.yaml:11:9: action file.managed takes exactly one of 'content', 'template',"
                + " 'source', found 'content' and 'source'"),
        row(
            "pkgWithNameAndNames",
            taskBook(
                """
                - name: a
                  action: pkg.installed
                  parameters: {name: nginx, names: [curl]}
                """),
            "bad.yaml:8:33: action pkg.installed takes exactly one of 'name', 'names', found"
                + " 'name' and 'names'"),
        row(
            "parameterOfWrongType",
            taskBook(
                """
                - name: a
                  action: service.running
                  parameters: {name: nginx, enabled: sometimes}
                """),
            "bad.yaml:8:42: 'enabled' must be true or false, found \"sometimes\""),
        row(
            "beaconCheckUnknownParameter",
            """
            apiVersion: v1alpha
            kind: Beacon
            metadata: {name: up, namespace: prod}
            spec:
              targets: {nodeGroups: [web]}
              interval: 10s
              check: {action: cmd.run, parameters: {command: "true"}}
              emit: {reason: Down}
            """,
            "bad.yaml:7:28: missing required parameter 'cmd' for action cmd.run",
            "bad.yaml:7:41: unknown parameter 'command' for action cmd.run; expected one of"
                + " cmd, creates, unless, onlyif, cwd, env, timeout"),
        row(
            "beaconCheckOnlyKindsAreValidChecks",
            """
            apiVersion: v1alpha
            kind: Beacon
            metadata: {name: up, namespace: prod}
            spec:
              targets: {nodeGroups: [web]}
              interval: 10s
              check: {action: http.get, parameters: {url: "http://127.0.0.1:8080/", status: 204}}
              emit: {reason: Down}
            ---
            apiVersion: v1alpha
            kind: Beacon
            metadata: {name: memory, namespace: prod}
            spec:
              targets: {nodeGroups: [web]}
              interval: 1m
              check: {action: expression, parameters: {expression: "facts.memoryMb >= 512"}}
              emit: {reason: LowMemory, on: change}
            """),
        row(
            "beaconCheckOnlyKindsWithBadParameters",
            """
            apiVersion: v1alpha
            kind: Beacon
            metadata: {name: up, namespace: prod}
            spec:
              targets: {nodeGroups: [web]}
              interval: 10s
              check: {action: http.get, parameters: {status: 20, timeout: 0s}}
              emit: {reason: Down}
            ---
            apiVersion: v1alpha
            kind: Beacon
            metadata: {name: memory, namespace: prod}
            spec:
              targets: {nodeGroups: [web]}
              interval: 1m
              check: {action: expression, parameters: {expr: "facts.memoryMb >= 512"}}
              emit: {reason: LowMemory}
            """,
            "bad.yaml:7:29: missing required parameter 'url' for action http.get",
            "bad.yaml:7:50: 'status' must be an integer >= 100, found 20",
            "bad.yaml:7:63: 'timeout' must be longer than 0",
            "bad.yaml:16:31: missing required parameter 'expression' for action expression",
            "bad.yaml:16:44: unknown parameter 'expr' for action expression; expected one of"
                + " expression"),
        row(
            "checkOnlyKindInAStep",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              steps:
                - name: a
                  action: http.get
                  parameters: {url: "http://127.0.0.1/"}
            """,
            "bad.yaml:7:15: unknown action 'http.get'; expected one of file.managed, file.absent,"
                + " directory, symlink, cmd.run, pkg.installed, pkg.removed, service.running,"
                + " service.stopped"));
  }

  static Stream<Arguments> templates() {
    return Stream.of(
        rowFiles(
            "templateFileMissing",
            Map.of(
                "apps/bad.yaml",
                taskBook(
                    """
                    - name: a
                      action: file.managed
                      parameters: {path: /etc/motd, template: templates/ok.hbs}
                    """)),
            "apps/bad.yaml:8:47: template file 'templates/ok.hbs' not found (looked for"
                + " 'apps/templates/ok.hbs')"),
        rowFiles(
            "templateFileDoesNotParse",
            Map.of(
                "bad.yaml",
                taskBook(
                    """
                    - name: a
                      action: file.managed
                      parameters: {path: /etc/motd, template: broken.hbs}
                    """),
                "broken.hbs",
                "line one\n{{#each items}}\n  {{name}}\n{{/if}}\n"),
            "broken.hbs:4:4: template does not parse: found: 'if', expected: 'each'"),
        row(
            "templatePathEscapesRepository",
            taskBook(
                """
                - name: a
                  action: file.managed
                  parameters: {path: /etc/motd, template: ../../etc/passwd}
                """),
            "bad.yaml:8:47: template path '../../etc/passwd' escapes the repository"),
        row(
            "inlineTemplateDoesNotParse",
            taskBook(
                """
                - name: a
                  action: cmd.run
                  parameters: {cmd: "echo {{node.name}"}
                """),
            "bad.yaml:8:42: template does not parse: found: '}'"),
        row(
            "inlineTemplateUnknownHelperInSubexpression",
            taskBook(
                """
                - name: a
                  action: file.managed
                  parameters:
                    path: /etc/hosts
                    content: "{{#each (nodez 'tier=web')}}{{name}}{{/each}}"
                """),
            "bad.yaml:10:28: template does not parse: could not find helper: 'nodez'"));
  }

  static Stream<Arguments> references() {
    return Stream.of(
        rowFiles(
            "duplicateObjectAcrossFiles",
            Map.of(
                "more/groups.yaml",
                """
                # the same NodeGroup as base.yaml
                apiVersion: v1alpha
                kind: NodeGroup
                metadata: {name: web}
                spec: {selector: "tier=web"}
                """),
            "more/groups.yaml:2:1: NodeGroup web is defined twice: at base.yaml:1:1 and at"
                + " more/groups.yaml:2:1"),
        row(
            "duplicateObjectInOneFile",
            """
            apiVersion: v1alpha
            kind: Variable
            metadata: {name: v, namespace: prod}
            spec: {values: {a: 1}}
            ---
            apiVersion: v1alpha
            kind: Variable
            metadata: {name: v, namespace: prod}
            spec: {values: {a: 2}}
            """,
            "bad.yaml:6:1: Variable prod/v is defined twice: at bad.yaml:1:1 and at bad.yaml:6:1"),
        row(
            "cronJobNamesMissingTaskBook",
            """
            apiVersion: v1alpha
            kind: CronJob
            metadata: {name: nightly, namespace: prod}
            spec: {schedule: "0 3 * * *", taskBook: wbe}
            """,
            "bad.yaml:4:41: CronJob prod/nightly names TaskBook 'wbe' in namespace 'prod', which"
                + " does not exist (did you mean 'web'?)"),
        row(
            "cronJobNamesTaskBookOfOtherNamespace",
            """
            apiVersion: v1alpha
            kind: CronJob
            metadata: {name: nightly, namespace: ops}
            spec: {schedule: "0 3 * * *", taskBook: web}
            """,
            "bad.yaml:4:41: CronJob ops/nightly names TaskBook 'web' in namespace 'ops', which"
                + " does not exist"),
        row(
            "triggerNamesMissingTaskBook",
            """
            apiVersion: v1alpha
            kind: Trigger
            metadata: {name: react, namespace: prod}
            spec:
              match: {reason: Down}
              run: {taskBook: restart}
            """,
            "bad.yaml:6:19: Trigger prod/react names TaskBook 'restart' in namespace 'prod', which"
                + " does not exist"),
        row(
            "taskBookNamesMissingNodeGroup",
            """
            apiVersion: v1alpha
            kind: TaskBook
            metadata: {name: db, namespace: prod}
            spec:
              targets: {nodeGroups: [web, webs]}
              steps: [{name: a, action: cmd.run, parameters: {cmd: "true"}}]
            """,
            "bad.yaml:5:31: TaskBook prod/db names NodeGroup 'webs', which does not exist (did"
                + " you mean 'web'?)"),
        row(
            "beaconNamesMissingNodeGroup",
            """
            apiVersion: v1alpha
            kind: Beacon
            metadata: {name: up, namespace: prod}
            spec:
              targets: {nodeGroups: [db]}
              interval: 10s
              check: {action: cmd.run, parameters: {cmd: "true"}}
              emit: {reason: Down}
            """,
            "bad.yaml:5:26: Beacon prod/up names NodeGroup 'db', which does not exist"),
        row(
            "variableNamesMissingNodeGroup",
            """
            apiVersion: v1alpha
            kind: Variable
            metadata: {name: v, namespace: prod}
            spec: {nodeGroups: [cache], values: {a: 1}}
            """,
            "bad.yaml:4:21: Variable prod/v names NodeGroup 'cache', which does not exist"),
        row(
            "cronWithFourFields",
            NIGHTLY.formatted("0 3 * *"),
            "bad.yaml:6:13: bad cron schedule \"0 3 * *\": has 4 fields; expected 5 (min hour day"
                + " month weekday) or 6-7 (Quartz, with seconds)"),
        row(
            "cronHourOutOfRange",
            NIGHTLY.formatted("0 25 * * *"),
            "bad.yaml:6:13: bad cron schedule \"0 25 * * *\": field 2 (hour): 25 is out of range"
                + " 0-23"),
        row(
            "cronBadMonthName",
            NIGHTLY.formatted("0 3 1 JANUARY *"),
            "bad.yaml:6:13: bad cron schedule \"0 3 1 JANUARY *\": field 4 (month): 'JANUARY' is"
                + " not a number or one of JAN, FEB, MAR, APR, MAY, JUN, JUL, AUG, SEP, OCT, NOV,"
                + " DEC"),
        row(
            "cronQuartzWithBothDays",
            NIGHTLY.formatted("0 0 3 * * MON"),
            "bad.yaml:6:13: bad cron schedule \"0 0 3 * * MON\": a Quartz schedule needs '?' in"
                + " exactly one of day-of-month and day-of-week"),
        row(
            "cronZeroStep",
            NIGHTLY.formatted("*/0 * * * *"),
            "bad.yaml:6:13: bad cron schedule \"*/0 * * * *\": field 1 (minute): step '0' must be"
                + " a positive number"),
        row(
            "unknownTimeZoneWithSuggestion",
            """
            apiVersion: v1alpha
            kind: CronJob
            metadata: {name: nightly, namespace: prod}
            spec: {schedule: "0 3 * * *", taskBook: web, timeZone: Europe/Pariss}
            """,
            "bad.yaml:4:56: unknown time zone 'Europe/Pariss' (did you mean 'Europe/Paris'?)"),
        rowFiles(
            "allErrorsOfATreeSorted",
            Map.of(
                "z.yaml",
                """
                apiVersion: v1alpha
                kind: NodeGroup
                metadata: {name: web}
                spec: {selector: "a in ()"}
                """,
                "a.yaml",
                """
                apiVersion: v1alpha
                kind: Node
                metadata: {name: n1}
                spec: {lables: {}}
                """),
            "a.yaml:4:8: unknown field 'lables' in Node spec (did you mean 'labels'?)",
            "z.yaml:1:1: NodeGroup web is defined twice: at base.yaml:1:1 and at z.yaml:1:1",
            "z.yaml:4:25: bad selector \"a in ()\": expected a label value"));
  }
}

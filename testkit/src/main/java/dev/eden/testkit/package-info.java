/**
 * The test kit every eden module's tests use (test scope only): {@link dev.eden.testkit.FakeClock}
 * and {@link dev.eden.testkit.GitRepoFixture}, a real Git repository in a temporary folder. The
 * in-process reconciler stays in the reconciler's test jar.
 */
package dev.eden.testkit;

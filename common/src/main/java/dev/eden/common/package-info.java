/**
 * Code the agent, the reconciler and the manifest language share: one duration syntax, one backoff,
 * one SQLite opener, PEM and protobuf value codecs, and the event reason vocabulary. It depends on
 * no other eden module.
 */
package dev.eden.common;

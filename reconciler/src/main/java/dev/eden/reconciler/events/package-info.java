/**
 * Events about the fleet that nothing else emits (a node lost and back) and the upkeep of the
 * stored events (retention by age and count), run periodically by {@link
 * dev.eden.reconciler.events.Housekeeping}.
 */
package dev.eden.reconciler.events;

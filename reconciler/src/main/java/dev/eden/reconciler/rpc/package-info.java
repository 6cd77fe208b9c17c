/**
 * What every gRPC service of the reconciler shares: the one mapping from errors to {@code Status}
 * ({@link dev.eden.reconciler.rpc.ErrorStatus}) and answering a unary call with it.
 */
package dev.eden.reconciler.rpc;

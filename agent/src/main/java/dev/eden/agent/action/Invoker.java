package dev.eden.agent.action;

import com.google.protobuf.Struct;
import dev.eden.agent.fs.PathEscapeException;
import dev.eden.agent.proc.CommandException;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Runs one action and turns every way it can go wrong into a {@link Outcome.Failed}. */
public final class Invoker {
  private final Actions actions;

  public Invoker(Actions actions) {
    this.actions = actions;
  }

  public Outcome invoke(String actionName, Struct parameters, ActionContext ctx) {
    Action action = actions.find(actionName).orElse(null);
    if (action == null) {
      return Outcome.failed("unknown action '" + actionName + "'");
    }
    Params params = new Params(actionName, parameters);
    try {
      params.allowOnly(action.parameters());
      return action.apply(params, ctx);
    } catch (BadParameterException | PathEscapeException | CommandException e) {
      return Outcome.failed(e.getMessage());
    } catch (UncheckedIOException e) {
      return Outcome.failed(actionName + ": " + describe(e.getCause()));
    } catch (RuntimeException e) {
      return Outcome.failed(actionName + ": " + e);
    }
  }

  private static String describe(IOException e) {
    String type = e.getClass().getSimpleName().replace("Exception", "");
    return e.getMessage() == null ? type : type + ": " + e.getMessage();
  }
}

package dev.eden.reconciler.bundle;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Signs and verifies bundle manifests with {@code ssh-keygen -Y} (namespace {@value #NAMESPACE}),
 * against the same OpenSSH allowed-signers file as {@code --verify-commits}.
 */
public final class SshSignatures {

  /** The signature namespace of bundle manifests (a commit signature cannot pass for one). */
  public static final String NAMESPACE = "eden-bundle";

  private SshSignatures() {}

  /** What one ssh-keygen printed and how it ended. */
  private record Run(int exit, byte[] out, String err) {}

  /**
   * @throws BundleRefused when ssh-keygen cannot sign with {@code key}
   */
  public static byte[] sign(Path key, byte[] message) {
    Run run = run(message, "-Y", "sign", "-n", NAMESPACE, "-f", key.toString());
    if (run.exit() != 0) {
      throw new BundleRefused("--sign-key " + key + ": ssh-keygen could not sign: " + run.err());
    }
    return run.out();
  }

  /**
   * @return the principal whose key made {@code signature}
   * @throws BundleRefused for a key not in {@code allowedSigners} or a signature that does not
   *     match
   */
  public static String verify(Path allowedSigners, byte[] message, byte[] signature) {
    Path sig = null;
    try {
      sig = Files.createTempFile("eden-manifest", ".sig");
      Files.write(sig, signature);
      Run found =
          run(
              new byte[0],
              "-Y",
              "find-principals",
              "-s",
              sig.toString(),
              "-f",
              allowedSigners.toString());
      String principal = new String(found.out(), StandardCharsets.UTF_8).strip().split("\n")[0];
      if (found.exit() != 0 || principal.isEmpty()) {
        throw new BundleRefused(
            "manifest.sig: signed by a key that is not in "
                + allowedSigners
                + "; sign with a key listed there (eden bundle create --sign-key)");
      }
      Run verified =
          run(
              message,
              "-Y",
              "verify",
              "-f",
              allowedSigners.toString(),
              "-I",
              principal,
              "-n",
              NAMESPACE,
              "-s",
              sig.toString());
      if (verified.exit() != 0) {
        throw new BundleRefused(
            "manifest.sig: the signature of "
                + principal
                + " does not match the manifest: "
                + verified.err().strip()
                + "; make the bundle again");
      }
      return principal;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteQuietly(sig);
    }
  }

  private static Run run(byte[] stdin, String... args) {
    List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q"));
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).start();
      try (OutputStream in = p.getOutputStream()) {
        in.write(stdin);
      }
      byte[] out = p.getInputStream().readAllBytes();
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new BundleRefused("ssh-keygen did not finish in 30s");
      }
      return new Run(p.exitValue(), out, err.strip());
    } catch (IOException e) {
      throw new BundleRefused(
          "cannot run ssh-keygen (" + e.getMessage() + "); install openssh-client", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BundleRefused("interrupted while running ssh-keygen", e);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a temp file left behind; nothing secret is in it
    }
  }
}

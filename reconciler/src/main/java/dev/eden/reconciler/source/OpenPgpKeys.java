package dev.eden.reconciler.source;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.bouncycastle.openpgp.PGPCompressedData;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPPublicKeyRingCollection;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/** The OpenPGP public keys of {@code --verify-gpg-keys}, and checking a detached signature. */
final class OpenPgpKeys {

  private final PGPPublicKeyRingCollection rings;

  private OpenPgpKeys(PGPPublicKeyRingCollection rings) {
    this.rings = rings;
  }

  /**
   * Reads armored (or binary) public keys.
   *
   * @throws IOException when the file cannot be read or holds no OpenPGP public keys
   */
  static OpenPgpKeys read(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    try {
      List<PGPPublicKeyRing> rings = new ArrayList<>();
      for (byte[] block : blocks(bytes)) {
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(block))) {
          new PGPPublicKeyRingCollection(in, new BcKeyFingerprintCalculator()).forEach(rings::add);
        }
      }
      if (rings.isEmpty()) {
        throw new IOException("no public key in it");
      }
      return new OpenPgpKeys(new PGPPublicKeyRingCollection(rings));
    } catch (IOException | PGPException | RuntimeException e) {
      throw new IOException(
          file
              + " is not a file of OpenPGP public keys (export them with gpg --export -a): "
              + e.getMessage(),
          e);
    }
  }

  /** Each armored block of the file (several keys exported one after another), or the file. */
  private static List<byte[]> blocks(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    String begin = "-----BEGIN PGP PUBLIC KEY BLOCK-----";
    if (!text.contains(begin)) {
      return List.of(bytes);
    }
    List<byte[]> blocks = new ArrayList<>();
    for (int at = text.indexOf(begin); at >= 0; ) {
      int next = text.indexOf(begin, at + begin.length());
      String block = next < 0 ? text.substring(at) : text.substring(at, next);
      blocks.add(block.getBytes(StandardCharsets.ISO_8859_1));
      at = next;
    }
    return blocks;
  }

  /** Checks {@code signature} (armored, detached) over {@code data}. */
  SignatureCheck verify(byte[] data, byte[] signature) {
    PGPSignature sig;
    try {
      sig = parse(signature);
    } catch (IOException | PGPException | RuntimeException e) {
      return new SignatureCheck.BadSignature("unreadable OpenPGP signature: " + e.getMessage());
    }
    String keyId = String.format("%016X", sig.getKeyID());
    PGPPublicKey key = rings.getPublicKey(sig.getKeyID());
    PGPPublicKeyRing ring = rings.getPublicKeyRing(sig.getKeyID());
    if (key == null || ring == null) {
      return new SignatureCheck.UnknownKey("OpenPGP " + keyId);
    }
    String fingerprint =
        "OpenPGP " + HexFormat.of().withUpperCase().formatHex(key.getFingerprint());
    try {
      sig.init(new BcPGPContentVerifierBuilderProvider(), key);
      sig.update(data);
      if (!sig.verify()) {
        return new SignatureCheck.BadSignature("the OpenPGP signature does not match the commit");
      }
    } catch (PGPException | RuntimeException e) {
      return new SignatureCheck.BadSignature(
          "cannot check the OpenPGP signature: " + e.getMessage());
    }
    return validity(ring, key, sig.getCreationTime().toInstant(), fingerprint);
  }

  private static SignatureCheck validity(
      PGPPublicKeyRing ring, PGPPublicKey key, Instant signed, String fingerprint) {
    for (PGPPublicKey k : new PGPPublicKey[] {ring.getPublicKey(), key}) {
      if (k.hasRevocation()) {
        return new SignatureCheck.BadSignature("key " + fingerprint + " is revoked");
      }
      long valid = k.getValidSeconds();
      Instant created = k.getCreationTime().toInstant();
      if (signed.isBefore(created)) {
        return new SignatureCheck.ExpiredKey(fingerprint, "signed before the key was made");
      }
      if (valid > 0 && signed.isAfter(created.plusSeconds(valid))) {
        return new SignatureCheck.ExpiredKey(
            fingerprint, "the key expired " + created.plusSeconds(valid));
      }
    }
    return new SignatureCheck.Verified(userId(ring.getPublicKey()), fingerprint);
  }

  private static String userId(PGPPublicKey primary) {
    Iterator<String> ids = primary.getUserIDs();
    return ids.hasNext() ? ids.next() : String.format("%016X", primary.getKeyID());
  }

  private static PGPSignature parse(byte[] armored) throws IOException, PGPException {
    InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(armored));
    Object o = new BcPGPObjectFactory(in).nextObject();
    if (o instanceof PGPCompressedData c) {
      o = new BcPGPObjectFactory(c.getDataStream()).nextObject();
    }
    if (o instanceof PGPSignatureList list && !list.isEmpty()) {
      return list.get(0);
    }
    throw new IOException("no signature packet");
  }
}

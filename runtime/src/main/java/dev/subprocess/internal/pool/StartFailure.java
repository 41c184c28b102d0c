package dev.subprocess.internal.pool;

import dev.subprocess.internal.process.JavaCommand;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The words for a worker that exited before it connected, in the JVM's own when its options are
 * at fault.
 *
 * <p>A worker's standard error is its parent's, so what the JVM said (an unknown option, a heap
 * too small) went to the console and not to the pool. Rather than pipe every worker's standard
 * error through the pool for the whole of its life, the pool asks once, when the first workers
 * fail that way: it runs {@code java <jvmOptions> -version} with its output captured, which fails
 * the same way when the options are at fault, and quotes what it printed. It asks only when the
 * worker's exit status is the launcher's own failure, and no worker of the pool has connected
 * before (the options would be good): otherwise the worker's exit is reported at once.
 *
 * <p>The output is read as it comes, by a thread of its own, so that a JVM that prints much (a
 * {@code -Xlog} option) never blocks on a full pipe: the diagnosis lasts as long as that JVM
 * runs.
 */
final class StartFailure {
  /** What is kept of the JVM's words: its last bytes, where the error is. */
  private static final int MAX_BYTES = 4096;
  private static final long DIAGNOSIS_SECONDS = 10;

  private StartFailure() {}

  /**
   * How the {@code java} launcher exits when it cannot create the JVM (an unknown option, a heap it
   * cannot reserve): any other status means the JVM ran, and its options are not at fault.
   */
  static final int NO_JVM = 1;

  /**
   * @param optionsProven whether a worker with these options has connected before: then they are
   *     not at fault, and the JVM is not asked
   */
  static String message(
      Worker worker, int exitCode, List<String> jvmOptions, boolean optionsProven) {
    String said = !optionsProven && exitCode == NO_JVM ? jvmSays(jvmOptions) : null;
    return worker + " could not start: it " + ExitStatus.describe(worker, exitCode)
        + " before it connected to the pool"
        + (said == null
            ? "; see its standard error"
            : ". With the pool's JVM options " + jvmOptions + ", the JVM says:\n" + said);
  }

  /** What {@code java <jvmOptions> -version} prints when it fails, or null when it does not. */
  private static String jvmSays(List<String> jvmOptions) {
    java.lang.Process java;
    try {
      java = new ProcessBuilder(JavaCommand.version(jvmOptions)).redirectErrorStream(true).start();
    } catch (IOException e) {
      return null;
    }
    Tail tail = new Tail(java.getInputStream());
    Thread reader = new Thread(tail, "dev.subprocess JVM diagnosis");
    reader.setDaemon(true);
    try {
      java.getOutputStream().close();
      reader.start();
      // A safety net only: a JVM whose options let it start ends at once with -version.
      if (!java.waitFor(DIAGNOSIS_SECONDS, TimeUnit.SECONDS) || java.exitValue() == 0) {
        return null;
      }
      reader.join(TimeUnit.SECONDS.toMillis(DIAGNOSIS_SECONDS));
      String said = tail.said;
      return said == null ? null : said.strip();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      java.destroyForcibly();
    }
  }

  /** Reads a stream to its end, keeping its last {@link #MAX_BYTES} bytes. */
  private static final class Tail implements Runnable {
    private final InputStream in;
    volatile String said;

    Tail(InputStream in) {
      this.in = in;
    }

    @Override
    public void run() {
      byte[] ring = new byte[MAX_BYTES];
      long total = 0;
      byte[] buffer = new byte[8192];
      try {
        int n;
        while ((n = in.read(buffer)) > 0) {
          for (int i = 0; i < n; i++) {
            ring[(int) (total++ % MAX_BYTES)] = buffer[i];
          }
        }
      } catch (IOException e) {
        // The stream was closed: what came is what there is.
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (total > MAX_BYTES) {
        int start = (int) (total % MAX_BYTES);
        out.write(ring, start, MAX_BYTES - start);
        out.write(ring, 0, start);
      } else {
        out.write(ring, 0, (int) total);
      }
      said = out.toString(StandardCharsets.UTF_8);
    }
  }
}

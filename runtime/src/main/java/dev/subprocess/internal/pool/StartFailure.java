package dev.subprocess.internal.pool;

import dev.subprocess.SubprocessException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The failure of a worker that exited before it connected, in the JVM's own words.
 *
 * <p>A worker's standard error is its parent's, so what the JVM said (an unknown option, a heap
 * too small) went to the console and not to the pool. Rather than pipe every worker's standard
 * error through the pool for the whole of its life, the pool asks once, when a worker fails that
 * way: it runs {@code java <jvmOptions> -version} with its output captured, which fails the same
 * way when the options are at fault, and quotes what it printed.
 */
final class StartFailure {
  private static final String JAVA =
      Paths.get(System.getProperty("java.home"), "bin", "java").toString();
  private static final long DIAGNOSIS_SECONDS = 10;
  private static final int MAX_BYTES = 4096;

  private StartFailure() {}

  static SubprocessException of(Worker worker, int exitCode, List<String> jvmOptions) {
    String said = jvmSays(jvmOptions);
    String message =
        worker + " could not start: it " + ExitStatus.describe(worker, exitCode)
            + " before it connected to the pool"
            + (said == null
                ? "; see its standard error"
                : ". With the pool's JVM options " + jvmOptions + ", the JVM says:\n" + said);
    return new SubprocessException(message, exitCode, worker.pid(), null);
  }

  /** What {@code java <jvmOptions> -version} prints when it fails, or null when it does not. */
  private static String jvmSays(List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(JAVA);
    command.addAll(jvmOptions);
    command.add("-version");
    java.lang.Process java;
    try {
      java = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      return null;
    }
    try {
      java.getOutputStream().close();
      if (!java.waitFor(DIAGNOSIS_SECONDS, TimeUnit.SECONDS) || java.exitValue() == 0) {
        return null;
      }
      return read(java.getInputStream()).strip();
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } finally {
      java.destroyForcibly();
    }
  }

  /** What the exited process left in the pipe, up to {@link #MAX_BYTES}. */
  private static String read(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[1024];
    int n;
    while (out.size() < MAX_BYTES && (n = in.read(buffer)) > 0) {
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}

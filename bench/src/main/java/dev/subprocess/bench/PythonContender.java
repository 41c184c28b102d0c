package dev.subprocess.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A Python baseline: one interpreter running a script of {@code bench/python/} for the whole
 * benchmark, doing one round per line it reads and answering with one JSON line of metrics (see
 * {@code bench/python/rounds.py}). The interpreter sits idle on its standard input while the other
 * contenders run, so it costs them nothing.
 */
final class PythonContender implements Contender {
  private final String name;
  private final String description;
  private final Path script;
  private final java.lang.Process python;
  private final Writer requests;
  private final BufferedReader answers;

  private PythonContender(String name, String description, Path script, java.lang.Process python) {
    this.name = name;
    this.description = description;
    this.script = script;
    this.python = python;
    this.requests = python.outputWriter(StandardCharsets.UTF_8);
    this.answers = python.inputReader(StandardCharsets.UTF_8);
  }

  /**
   * Starts {@code settings.python() script}, its standard error inherited.
   *
   * @param scriptName a file of {@code bench/python/}, e.g. {@code startjoin.py}
   */
  static PythonContender start(
      Settings settings, String name, String description, String scriptName) throws IOException {
    Path script = settings.pythonScript(scriptName);
    if (!Files.isRegularFile(script)) {
      throw new IOException("no Python script " + script.toAbsolutePath() + " (see --python-dir)");
    }
    ProcessBuilder builder =
        new ProcessBuilder(settings.python(), script.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT);
    try {
      return new PythonContender(name, description, script, builder.start());
    } catch (IOException e) {
      throw new IOException(
          "cannot run " + settings.python() + " (see --python): " + e.getMessage(), e);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public Sample runRound() throws IOException, InterruptedException {
    requests.write("round\n");
    requests.flush();
    String line;
    while ((line = answers.readLine()) != null) {
      if (line.startsWith("{")) {
        return new Sample(FlatJson.parseNumbers(line));
      }
      System.out.println(line); // the script's own output, passed on
    }
    python.waitFor(5, TimeUnit.SECONDS);
    throw new IOException(
        script + " ended in the middle of a round"
            + (python.isAlive() ? "" : ", exit code " + python.exitValue())
            + "; its error output is above");
  }

  /** Closing its standard input ends the script's loop; it has a few seconds to exit. */
  @Override
  public void close() {
    try {
      requests.close();
    } catch (IOException e) {
      // It has ended already.
    }
    try {
      if (!python.waitFor(10, TimeUnit.SECONDS)) {
        python.destroyForcibly();
      }
    } catch (InterruptedException e) {
      python.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

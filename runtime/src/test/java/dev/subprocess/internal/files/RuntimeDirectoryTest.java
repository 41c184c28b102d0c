package dev.subprocess.internal.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep of folders left by JVMs that are gone: a folder is live while a lock on its lock file
 * is held, whatever its name says of a pid, which another PID namespace sharing the same {@code
 * /tmp} would not show. The locks are held by real second JVMs.
 */
@Timeout(60)
class RuntimeDirectoryTest {
  @TempDir Path base;
  private final List<java.lang.Process> started = new ArrayList<>();

  @AfterEach
  void stopJvms() throws InterruptedException {
    for (java.lang.Process p : started) {
      p.destroyForcibly();
      p.waitFor();
    }
  }

  @Test
  void folderLockedByALiveJvmIsKeptThoughItsPidIsNotVisible() throws Exception {
    Path folder = folder("subprocess-" + invisiblePid() + "-1", true);
    java.lang.Process holder = lockHolder("hold", folder.resolve("lock"));
    assertEquals("locked", firstLine(holder));

    RuntimeDirectory.removeStale(base);
    assertTrue(Files.exists(folder.resolve("lock")), "a live JVM's folder was removed");

    holder.getOutputStream().close();
    assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
    RuntimeDirectory.removeStale(base);
    assertFalse(Files.exists(folder), "the folder of a JVM that is gone was kept");
  }

  @Test
  void unlockedFolderIsRemovedWhateverItsPid() throws Exception {
    Path ofAnInvisiblePid = folder("subprocess-" + invisiblePid() + "-2", true);
    Path ofAVisiblePid = folder("subprocess-1-3", true);
    RuntimeDirectory.removeStale(base);
    assertFalse(Files.exists(ofAnInvisiblePid));
    assertFalse(Files.exists(ofAVisiblePid));
  }

  @Test
  void folderWithoutALockFileIsJudgedByItsPid() throws Exception {
    Path ofAnInvisiblePid = folder("subprocess-" + invisiblePid() + "-4", false);
    Path ofAVisiblePid = folder("subprocess-1-5", false);
    RuntimeDirectory.removeStale(base);
    assertFalse(Files.exists(ofAnInvisiblePid));
    assertTrue(Files.exists(ofAVisiblePid));
  }

  @Test
  void otherFoldersAreLeftAlone() throws Exception {
    Path other = Files.createDirectory(base.resolve("something-else"));
    Path notOurs = Files.createDirectory(base.resolve("subprocess-tool-output"));
    RuntimeDirectory.removeStale(base);
    assertTrue(Files.exists(other));
    assertTrue(Files.exists(notOurs));
  }

  @Test
  void ownFolderIsLockedForTheLifeOfThisJvm() throws Exception {
    Path own = RuntimeDirectory.path();
    java.lang.Process probe = lockHolder("probe", own.resolve("lock"));
    assertEquals("held", firstLine(probe));
    assertTrue(probe.waitFor(30, TimeUnit.SECONDS));
  }

  /** A pid above the kernel's largest: no process has it, in this namespace or any other. */
  private static long invisiblePid() throws IOException {
    // Not Files.readString: it trusts the size of a /proc file, which is 0.
    try (BufferedReader in = Files.newBufferedReader(Paths.get("/proc/sys/kernel/pid_max"))) {
      return Long.parseLong(in.readLine().trim()) + 1;
    }
  }

  private Path folder(String name, boolean withLockFile) throws IOException {
    Path folder = Files.createDirectory(base.resolve(name));
    Files.writeString(folder.resolve("outcome-1"), "R");
    if (withLockFile) {
      Files.createFile(folder.resolve("lock"));
    }
    return folder;
  }

  private java.lang.Process lockHolder(String mode, Path file) throws IOException {
    String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    java.lang.Process p =
        new ProcessBuilder(
                java,
                "-Xshare:auto",
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                mode,
                file.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    started.add(p);
    return p;
  }

  private static String firstLine(java.lang.Process p) throws IOException {
    return new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
        .readLine();
  }
}

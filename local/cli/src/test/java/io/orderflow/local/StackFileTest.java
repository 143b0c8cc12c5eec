package io.orderflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What serve tells the other commands: read back whole, ignored once its process is gone. */
class StackFileTest {

  @TempDir
  Path dir;

  @Test
  void aLiveServesFileIsReadBackAndRemovedByItOnly() {
    Path file = dir.resolve(StackFile.NAME);
    StackFile ours = stackFile(ProcessHandle.current().pid());

    ours.write(file);

    assertThat(StackFile.readLive(file)).contains(ours);
    StackFile.removeIfOurs(file);
    assertThat(file).doesNotExist();
  }

  @Test
  void aFileWhosePidIsDeadIsIgnoredAndAnotherProcesssFileIsLeftAlone() throws Exception {
    Path file = dir.resolve(StackFile.NAME);
    Process finished = new ProcessBuilder("true").start();
    finished.waitFor();
    stackFile(finished.pid()).write(file);

    assertThat(StackFile.readLive(file)).isEmpty();
    StackFile.removeIfOurs(file);
    assertThat(file).exists();
  }

  @Test
  void aStackOnEveryInterfaceIsReachedOnLoopback() {
    assertThat(stackFile(1).connectHost()).isEqualTo("127.0.0.1");
    assertThat(new StackFile(null, "0.0.0.0", 1, 2, 3, 1, null, null, null).connectHost()).isEqualTo("127.0.0.1");
    assertThat(new StackFile(null, "10.0.0.5", 1, 2, 3, 1, null, null, null).connectHost()).isEqualTo("10.0.0.5");
  }

  @Test
  void aGarbledFileIsNoStack() throws Exception {
    Path file = dir.resolve(StackFile.NAME);
    Files.writeString(file, "{\"api\": ");

    assertThat(StackFile.readLive(file)).isEmpty();
  }

  private static StackFile stackFile(long pid) {
    return new StackFile(URI.create("http://localhost:3000"), "127.0.0.1", 8083, 8000, 9324, pid, null,
        "/tmp/orderflow.log", Instant.parse("2026-12-02T10:00:00Z"));
  }
}

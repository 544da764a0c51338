package dev.msw.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;
import org.testfx.util.WaitForAsyncUtils;

/** Saves PNG screenshots of the real window under {@code target/screenshots/} for people to look at. */
public final class Screenshots {
    private Screenshots() {
    }

    public static Path dir() {
        return Path.of("target", "screenshots");
    }

    /** Snapshots the whole scene of {@code node} to {@code target/screenshots/<name>.png}. */
    public static Path save(Node node, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        Scene scene = node.getScene();
        WritableImage[] img = new WritableImage[1];
        try {
            WaitForAsyncUtils.asyncFx(() -> img[0] = (scene != null ? scene.getRoot() : node).snapshot(null, null)).get();
            Path dir = dir();
            Files.createDirectories(dir);
            Path file = dir.resolve(name + ".png");
            ImageIO.write(SwingFXUtils.fromFXImage(img[0], null), "png", file.toFile());
            return file;
        } catch (IOException | java.util.concurrent.ExecutionException e) {
            throw new AssertionError("cannot save screenshot " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Snapshots a whole window (e.g. a dialog) as the screen shows it. */
    public static Path saveWindow(javafx.stage.Window window, String name) {
        return save(window.getScene().getRoot(), name);
    }

}

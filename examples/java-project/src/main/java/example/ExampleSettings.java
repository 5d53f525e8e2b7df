package example;

import ai.brevetti.settings.Setting;
import ai.brevetti.settings.Settings;

/**
 * The job's settings as a record: info.json's {@code settings} and {@code --name value} arguments fill it,
 * the no-argument constructor holds the defaults, and the platform's settings form is generated from it.
 */
public record ExampleSettings(@Setting(key = "image_size") int imageSize,
                              @Setting(key = "batch_size") int batchSize,
                              @Setting(help = "the fraction of each class that goes to training") double train,
                              long seed) implements Settings {
    public ExampleSettings() {
        this(24, 4, 0.75, 1);
    }
}

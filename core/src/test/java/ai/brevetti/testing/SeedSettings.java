package ai.brevetti.testing;

import ai.brevetti.settings.Setting;
import ai.brevetti.settings.Settings;
import java.util.Map;

/** The settings classes of the documentation's Settings example, in Java. */
public final class SeedSettings {
    private SeedSettings() {}

    public record MyCustomObject(int customParam) implements Settings {
        public MyCustomObject() {
            this(0);
        }
    }

    public record SerializeableObject(@Setting(key = "param_1") Number param1,
                                      @Setting(key = "param_2") String param2,
                                      @Setting(key = "param_3") Map<String, Object> param3,
                                      MyCustomObject custom) implements Settings {
        public SerializeableObject {
            param2 = param2 != null ? param2 : "Param2 not provided";
            param3 = param3 != null ? param3 : Map.of("nested_param", true);
            custom = custom != null ? custom : new MyCustomObject();
        }

        public SerializeableObject() {
            this(-1.0, null, null, null);
        }
    }
}

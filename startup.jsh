// startup.jsh: what every brevettiai-java JShell session starts with (bin/brevettiai run, shell, the Jupyter kernel).
// Pure Java snippets (no /commands). One file to change: it is packaged with the classes at build time.
// It imports the packages users call (docs/architecture.md); never an internal one.
import java.io.*;
import java.math.*;
import java.net.*;
import java.nio.file.*;
import java.util.*;
import java.util.concurrent.*;
import java.util.function.*;
import java.util.regex.*;
import java.util.stream.*;
import ai.brevetti.io.*;
import ai.brevetti.platform.*;
import ai.brevetti.settings.*;
import ai.brevetti.data.samples.*;
import ai.brevetti.data.split.*;
import ai.brevetti.data.generator.*;
import ai.brevetti.data.image.*;
import ai.brevetti.data.image.augmentation.*;
import ai.brevetti.data.annotation.*;
import ai.brevetti.demo.*;
import ai.brevetti.interfaces.charts.*;
import ai.brevetti.interfaces.monitor.*;
import ai.brevetti.interfaces.pivot.*;
import ai.brevetti.interfaces.facets.*;
import ai.brevetti.interfaces.archive.*;
import ai.brevetti.training.*;
import ai.brevetti.kernel.Display;
import static ai.brevetti.kernel.Display.display;
import static ai.brevetti.dsl.Brevetti.*;

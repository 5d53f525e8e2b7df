package ai.brevetti.data.image;

import ai.brevetti.internal.Json;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A Deep Zoom image (Microsoft's DZI format, as OpenSeadragon and OpenSlide write it): a header, XML
 * ({@code <Image TileSize Overlap Format><Size Width Height/></Image>}) or its JSON form
 * ({@code {"Image": {"Size": {"Width", "Height"}, "TileSize", "Overlap", "Format"}}}), and a pyramid of tiles
 * at {@code <tilesFolder>/<level>/<column>_<row>.<format>}.
 *
 * <p>Level {@link #maxLevel()} = ceil(log2(max(width, height))) holds the full image; each level below halves
 * it (rounding up), down to level 0 of 1×1. A level is cut into tiles of {@code tileSize} pixels, the last
 * column and row smaller; each tile also holds {@code overlap} pixels of its neighbours on every side that
 * has one, so tile {@code (c, r)} starts at level pixel {@code (c·tileSize − overlap if c > 0, …)}.
 *
 * <p>The tiles' folder: the Brevetti platform's tiled images are {@code .tiles/<image path>/dzi.json} with
 * tiles in {@code image_files/} beside it (the Python SDK strips {@code (image.)?dzi(.json)?} from the header's
 * path and appends {@code image_files}); so a header named {@code dzi.json}, {@code image.dzi} or
 * {@code image.dzi.json} has its tiles in the sibling {@code image_files}. Any other {@code <name>.dzi} or
 * {@code <name>.dzi.json} follows the Deep Zoom convention: {@code <name>_files} beside it.
 */
record DeepZoom(String path, int width, int height, int tileSize, int overlap, String format, String tilesFolder) {
    private static final Pattern FORMAT = Pattern.compile("[A-Za-z0-9]{1,10}");

    DeepZoom {
        if (width <= 0 || height <= 0 || tileSize <= 0 || overlap < 0 || overlap >= tileSize) {
            throw new ImageDecodeException("The Deep Zoom header '" + path + "' gives an image of " + width + "x" + height
                    + " in tiles of " + tileSize + " overlapping by " + overlap + "; sizes must be positive and the overlap smaller than a tile");
        }
        if (format == null || !FORMAT.matcher(format).matches()) {
            throw new ImageDecodeException("The Deep Zoom header '" + path + "' names the tiles' format '" + format
                    + "'; a format is a file extension such as jpg or png");
        }
    }

    /** True when {@code path} names a Deep Zoom header: {@code *.dzi}, {@code *.dzi.json} or {@code dzi.json}. */
    static boolean isHeader(String path) {
        String name = fileName(path).toLowerCase(Locale.ROOT);
        return name.endsWith(".dzi") || name.endsWith(".dzi.json") || name.equals("dzi.json");
    }

    /** The folder of the tiles of the header at {@code path} (see the class comment). */
    static String tilesFolder(String path) {
        String name = fileName(path);
        String folder = path.substring(0, path.length() - name.length());
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("dzi.json") || lower.equals("image.dzi") || lower.equals("image.dzi.json")) {
            return folder + "image_files";
        }
        int suffix = lower.endsWith(".dzi.json") ? ".dzi.json".length() : ".dzi".length();
        return folder + name.substring(0, name.length() - suffix) + "_files";
    }

    private static String fileName(String path) {
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    /** The header at {@code path} with its {@code content} (JSON or XML). */
    static DeepZoom parse(String path, byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8).strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        return text.startsWith("{") ? parseJson(path, text) : parseXml(path, content);
    }

    private static DeepZoom parseJson(String path, String text) {
        try {
            Map<String, Object> doc = Json.parseObject(text);
            if (!(doc.get("Image") instanceof Map<?, ?> image) || !(image.get("Size") instanceof Map<?, ?> size)) {
                throw new ImageDecodeException("The Deep Zoom header '" + path + "' has no Image with a Size: "
                        + "expected {\"Image\": {\"Size\": {\"Width\", \"Height\"}, \"TileSize\", \"Overlap\", \"Format\"}}");
            }
            return new DeepZoom(path, number(path, size, "Width"), number(path, size, "Height"), number(path, image, "TileSize"),
                    number(path, image, "Overlap"), String.valueOf(image.get("Format")), tilesFolder(path));
        } catch (JsonProcessingException e) {
            throw new ImageDecodeException("The Deep Zoom header '" + path + "' is not valid JSON: " + Json.describe(e), e);
        }
    }

    /** A whole number, written as a number or a string (OpenSeadragon's JSON form quotes them). */
    private static int number(String path, Map<?, ?> object, String key) {
        Object value = object.get(key);
        try {
            if (value instanceof Integer i) {
                return i;
            }
            if (value instanceof String s) {
                return Integer.parseInt(s.trim());
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new ImageDecodeException("The Deep Zoom header '" + path + "' has " + key + " " + (value == null ? "missing" : "'" + value + "'")
                + "; expected a whole number");
    }

    private static DeepZoom parseXml(String path, byte[] content) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // no document types, external entities or includes: a header is data, never a reference to other files
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            Element root = builder.parse(new ByteArrayInputStream(content)).getDocumentElement();
            if (!"Image".equals(root.getLocalName())) {
                throw new ImageDecodeException("The Deep Zoom header '" + path + "' is a <" + root.getLocalName()
                        + ">, not an <Image> (collections are not supported)");
            }
            NodeList sizes = root.getElementsByTagNameNS("*", "Size");
            if (sizes.getLength() == 0) {
                throw new ImageDecodeException("The Deep Zoom header '" + path + "' has no <Size Width Height/>");
            }
            Element size = (Element) sizes.item(0);
            return new DeepZoom(path, attribute(path, size, "Width"), attribute(path, size, "Height"), attribute(path, root, "TileSize"),
                    attribute(path, root, "Overlap"), root.getAttribute("Format"), tilesFolder(path));
        } catch (ImageDecodeException e) {
            throw e;
        } catch (Exception e) {
            throw new ImageDecodeException("The Deep Zoom header '" + path + "' is neither JSON nor valid XML: " + e.getMessage(), e);
        }
    }

    private static int attribute(String path, Element element, String name) {
        String value = element.getAttribute(name);
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new ImageDecodeException("The Deep Zoom header '" + path + "' has " + name + "=\"" + value + "\"; expected a whole number");
        }
    }

    /** The level of the full image: ceil(log2(max(width, height))). */
    int maxLevel() {
        int max = Math.max(width, height);
        return max <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(max - 1);
    }

    /** How many full-image pixels wide a pixel of {@code level} is: 2^(maxLevel − level). */
    int step(int level) {
        return 1 << (maxLevel() - level);
    }

    /** The level for a zoom: the one whose pixels are {@code zoom} wide, or level 0 for a zoom beyond it. */
    int levelFor(int zoom) {
        int down = 31 - Integer.numberOfLeadingZeros(zoom);
        return Math.max(0, maxLevel() - down);
    }

    int levelWidth(int level) {
        return ImageView.ceilDiv(width, step(level));
    }

    int levelHeight(int level) {
        return ImageView.ceilDiv(height, step(level));
    }

    /** Where tile {@code (column, row)} of {@code level} starts, in that level's pixels, along an axis: {@code i·tileSize − overlap if i > 0}. */
    int tileOrigin(int index) {
        return index * tileSize - (index > 0 ? overlap : 0);
    }

    String tilePath(int level, int column, int row) {
        return tilesFolder + "/" + level + "/" + column + "_" + row + "." + format;
    }
}

package ai.brevetti.localplatform;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BinaryOperator;

/**
 * One way of spelling an S3 key that tries to reach {@code target} from inside the folder {@code own} (a
 * prefix ending in '/') a credential may use: {@code ..} segments, their percent-encodings, backslashes,
 * double and leading slashes, and spellings that only look like them. Double and leading slashes are sent
 * as they are in the URL ({@link RawS3Requests} signs them as S3Proxy verifies them): the SDK itself sends
 * a key's "//" as "/%2F" and signs that, which S3Proxy 4.1 does not accept (SignatureDoesNotMatch).
 *
 * @param name what the spelling is
 * @param raw true: the spelling is the key as it appears in the URL (percent-encoded); false: the key itself,
 *            which the SDK encodes as usual
 * @param status what the server must answer: 403 (AccessDenied: the key is refused), 400 (a NUL: in a URL
 *               path the HTTP server refuses it before any key is read, 400; in a header or a query it
 *               reaches the key check, 403 AccessDenied), or 0 for a key like any other, which names an
 *               object inside {@code own} and must simply not reach outside
 * @param spell (own, target) to the spelled key
 */
record KeySpelling(String name, boolean raw, int status, BinaryOperator<String> spell) {

    boolean refused() {
        return status != 0;
    }

    String key(String own, String target) {
        return spell.apply(own, target);
    }

    /** The key the server sees: a raw spelling decoded once, as the S3 server decodes the URL. */
    String decodedKey(String own, String target) {
        String key = key(own, target);
        return raw ? URLDecoder.decode(key, StandardCharsets.UTF_8) : key;
    }

    @Override
    public String toString() {
        return name;
    }

    private static KeySpelling key(String name, BinaryOperator<String> spell) {
        return new KeySpelling(name, false, 403, spell);
    }

    private static KeySpelling url(String name, BinaryOperator<String> spell) {
        return new KeySpelling(name, true, 403, spell);
    }

    private static KeySpelling unparsable(String name, boolean raw, BinaryOperator<String> spell) {
        return new KeySpelling(name, raw, 400, spell);
    }

    private static KeySpelling literal(String name, BinaryOperator<String> spell) {
        return new KeySpelling(name, true, 0, spell);
    }

    private static String noSlash(String own) {
        return own.substring(0, own.length() - 1);
    }

    /** Every spelling the tests try. */
    static List<KeySpelling> all() {
        return List.of(
                key("own/../target", (o, t) -> o + "../" + t),
                key("own/x/../../target", (o, t) -> o + "x/../../" + t),
                key("own/./../target", (o, t) -> o + "./../" + t),
                key("own/../../<bucket>/target (out of the bucket and back)", (o, t) -> o + "../../" + LocalPlatform.DEFAULT_BUCKET + "/" + t),
                key("own/./target (a dot segment)", (o, t) -> o + "./" + t),
                key("own/x/.. (a trailing dot-dot)", (o, t) -> o + "x/.."),
                key("own/.. (the bucket itself)", (o, t) -> o + ".."),
                key("own/..\\target (backslash)", (o, t) -> o + "..\\" + t),
                key("own\\..\\..\\target (backslashes)", (o, t) -> o + "x\\..\\..\\" + t.replace('/', '\\')),
                unparsable("own/..<NUL>/target", false, (o, t) -> o + "..\u0000/" + t),
                url("own/../target in the URL", (o, t) -> o + "../" + t),
                url("own//../target (double slash)", (o, t) -> o + "/../" + t),
                url("own//target (double slash)", (o, t) -> o + "/" + t),
                url("/target (leading slash)", (o, t) -> "/" + t),
                url("/own/../target (leading slash)", (o, t) -> "/" + o + "../" + t),
                url("own/%2e%2e/target", (o, t) -> o + "%2e%2e/" + t),
                url("own/%2E%2E/target", (o, t) -> o + "%2E%2E/" + t),
                url("own/.%2e/target", (o, t) -> o + ".%2e/" + t),
                url("own/%2e./target", (o, t) -> o + "%2e./" + t),
                url("own/..%2ftarget", (o, t) -> o + "..%2f" + t),
                url("own/..%2Ftarget", (o, t) -> o + "..%2F" + t),
                url("own/%2e%2e%2ftarget", (o, t) -> o + "%2e%2e%2f" + t),
                url("own%2f..%2ftarget", (o, t) -> noSlash(o) + "%2f..%2f" + t),
                url("own/..%5ctarget", (o, t) -> o + "..%5c" + t),
                url("own/%2e%2e%5ctarget", (o, t) -> o + "%2e%2e%5c" + t),
                url("own/%2f../target (encoded double slash)", (o, t) -> o + "%2f../" + t),
                url("%2ftarget (encoded leading slash)", (o, t) -> "%2f" + t),
                url("own/%2e/target (encoded dot segment)", (o, t) -> o + "%2e/" + t),
                unparsable("own/..%00/target", true, (o, t) -> o + "..%00/" + t),
                literal("own/%252e%252e/target (encoded twice: a literal %2e%2e)", (o, t) -> o + "%252e%252e/" + t),
                literal("own/%c0%ae%c0%ae/target (overlong UTF-8 dots)", (o, t) -> o + "%c0%ae%c0%ae/" + t),
                literal("own/..;/target (a path parameter)", (o, t) -> o + "..;/" + t),
                literal("own/.../target (three dots)", (o, t) -> o + ".../" + t));
    }
}

package ai.brevetti.platform;

import ai.brevetti.io.S3Access;
import java.io.StringReader;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Temporary S3 credentials from the platform's {@code securitycredentials} endpoints (an STS AssumeRole
 * answer). The local platform adds the S3 endpoint and region; the real platform's credentials are for
 * AWS S3 in the platform's region ({@code <Region>} when the answer names it, else {@code eu-west-1}). An
 * endpoint without a scheme ({@code s3.eu-west-1.amazonaws.com}, as the Python SDK writes it) is HTTPS.
 *
 * @param accessKeyId access key id
 * @param secretAccessKey secret key
 * @param sessionToken session token
 * @param expiration when they stop working
 * @param endpoint the S3 endpoint, when it is not AWS
 * @param region the region, when given
 */
public record StsCredentials(String accessKeyId, Secret secretAccessKey, Secret sessionToken, Optional<Instant> expiration,
                             Optional<URI> endpoint, Optional<String> region) {

    /** Parses the XML; {@code source} names it in errors (without secrets). */
    public static StsCredentials parse(String xml, String source) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setNamespaceAware(false);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            String id = text(doc, "AccessKeyId").orElseThrow(() -> new IllegalArgumentException("no AccessKeyId"));
            String secret = text(doc, "SecretAccessKey").orElseThrow(() -> new IllegalArgumentException("no SecretAccessKey"));
            return new StsCredentials(id, Secret.of(secret), Secret.of(text(doc, "SessionToken").orElse("")),
                    text(doc, "Expiration").map(Instant::parse), text(doc, "Endpoint").map(S3Access::endpoint), text(doc, "Region"));
        } catch (Exception e) {
            throw new PlatformException(0, "The security credentials from " + source + " are not an STS answer: " + e.getMessage(), e);
        }
    }

    private static Optional<String> text(Document doc, String tag) {
        NodeList nodes = doc.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? Optional.empty() : Optional.of(nodes.item(0).getTextContent().strip()).filter(s -> !s.isEmpty());
    }

    /**
     * How to reach S3 with these credentials: the answer's endpoint when it names one (path style unless it
     * is AWS's own), else AWS S3; its region, else the platform's bucket region {@code eu-west-1} (the Python
     * SDK's {@code bucket_region}).
     */
    public S3Access toS3Access() {
        return S3Access.temporary(accessKeyId, secretAccessKey.reveal(), sessionToken.reveal(), endpoint,
                region.orElse(S3Access.PLATFORM_REGION), expiration);
    }

    @Override
    public String toString() {
        return "StsCredentials[" + accessKeyId + endpoint.map(e -> " at " + e).orElse("") + expiration.map(e -> ", expires " + e).orElse("") + "]";
    }
}

package ai.brevetti.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.InstanceProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.SystemPropertyCredentialsProvider;
import software.amazon.awssdk.auth.credentials.WebIdentityTokenFileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The AWS SDK's default credentials chain, made of the SDK's own providers in the order of its
 * {@code DefaultCredentialsProvider}: Java system properties, environment variables, a web identity token,
 * the profile files ({@code ~/.aws/credentials}, {@code ~/.aws/config}, {@code AWS_PROFILE}), container
 * credentials ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} or {@code _RELATIVE_URI}, as ECS, SageMaker and
 * the local platform hand them out), and the EC2 instance metadata. The instance metadata is asked only
 * when enabled ({@value #INSTANCE_METADATA_PROPERTY}{@code =true} or {@value #INSTANCE_METADATA_ENV}{@code =true}),
 * so a machine that is not on EC2 never waits for it. The first provider that answers is asked again
 * later, as the SDK does; when none answers, the error names each source and why it gave nothing (never a
 * secret).
 */
public final class AwsDefaultChain implements AwsCredentialsProvider {
    public static final String INSTANCE_METADATA_PROPERTY = "brevettiai.aws.instanceMetadata";
    public static final String INSTANCE_METADATA_ENV = "BREVETTIAI_AWS_INSTANCE_METADATA";
    /** How every "no credentials" message of the chain begins. */
    static final String NONE = "No AWS credentials found";
    private static final int MAX_REASON = 120;

    /** One place credentials may come from. */
    private record Source(String name, Supplier<AwsCredentialsProvider> make, String off) {
    }

    private final List<Source> sources;
    private final AwsCredentialsProvider[] made;
    private volatile AwsCredentialsProvider last;

    private AwsDefaultChain(boolean instanceMetadata) {
        List<Source> s = new ArrayList<>();
        s.add(new Source("system properties aws.accessKeyId", SystemPropertyCredentialsProvider::create, null));
        s.add(new Source("environment AWS_ACCESS_KEY_ID", EnvironmentVariableCredentialsProvider::create, null));
        s.add(new Source("web identity token", () -> WebIdentityTokenFileCredentialsProvider.builder().build(), null));
        s.add(new Source("profile files ~/.aws", () -> ProfileCredentialsProvider.builder().build(), null));
        s.add(new Source("container credentials", () -> ContainerCredentialsProvider.builder().build(), null));
        s.add(new Source("EC2 instance metadata", () -> InstanceProfileCredentialsProvider.builder().build(),
                instanceMetadata ? null : "off; enable with " + INSTANCE_METADATA_ENV + "=true"));
        this.sources = List.copyOf(s);
        this.made = new AwsCredentialsProvider[sources.size()];
    }

    /** The chain, with the instance metadata as configured ({@value #INSTANCE_METADATA_PROPERTY}, {@value #INSTANCE_METADATA_ENV}). */
    public static AwsDefaultChain create() {
        return create(instanceMetadataEnabled());
    }

    /** The chain, asking the EC2 instance metadata or not. */
    public static AwsDefaultChain create(boolean instanceMetadata) {
        return new AwsDefaultChain(instanceMetadata);
    }

    static boolean instanceMetadataEnabled() {
        String value = System.getProperty(INSTANCE_METADATA_PROPERTY);
        if (value == null) {
            value = System.getenv(INSTANCE_METADATA_ENV);
        }
        return value != null && value.strip().toLowerCase(Locale.ROOT).equals("true");
    }

    @Override
    public AwsCredentials resolveCredentials() {
        AwsCredentialsProvider reused = last;
        if (reused != null) {
            try {
                return reused.resolveCredentials();
            } catch (RuntimeException e) {
                last = null;
            }
        }
        List<String> tried = new ArrayList<>();
        for (int i = 0; i < sources.size(); i++) {
            Source source = sources.get(i);
            if (source.off() != null) {
                tried.add(source.name() + " (" + source.off() + ")");
                continue;
            }
            try {
                AwsCredentialsProvider provider = provider(i);
                AwsCredentials credentials = provider.resolveCredentials();
                last = provider;
                return credentials;
            } catch (RuntimeException e) {
                tried.add(source.name() + " (" + reason(e) + ")");
            }
        }
        throw SdkClientException.create(NONE + "; tried " + String.join(", ", tried));
    }

    private synchronized AwsCredentialsProvider provider(int i) {
        if (made[i] == null) {
            made[i] = sources.get(i).make().get();
        }
        return made[i];
    }

    /**
     * Why a provider gave nothing: "not set" when its settings are absent (the SDK's "must be specified",
     * "must be set", "are set" messages), else the SDK's message up to its details (the first ": ", at most
     * {@value #MAX_REASON} characters): what it looked for, never what it found.
     */
    private static String reason(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        if (message.contains("must be specified") || message.contains("must be set") || message.contains("variables are set")) {
            return "not set";
        }
        for (String end : new String[] {"\n", ": "}) {
            int at = message.indexOf(end);
            if (at > 0) {
                message = message.substring(0, at);
            }
        }
        message = message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
        return message.length() > MAX_REASON ? message.substring(0, MAX_REASON) + "…" : message;
    }

    @Override
    public String toString() {
        return "AwsDefaultChain" + sources.stream().map(s -> s.off() == null ? s.name() : s.name() + " (off)").toList();
    }
}

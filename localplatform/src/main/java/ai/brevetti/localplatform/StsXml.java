package ai.brevetti.localplatform;

import java.net.URI;

/** STS AssumeRole-style XML, as the platform's securitycredentials endpoints answer. */
final class StsXml {
    private StsXml() {}

    /**
     * The grant as an AssumeRoleResponse. Besides AWS's elements it names the S3 endpoint and region
     * (local servers are not at AWS's address); clients that do not know them ignore them.
     */
    static String of(S3Grant grant, URI endpoint, String region) {
        return """
                <AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <AssumeRoleResult>
                    <Credentials>
                      <AccessKeyId>%s</AccessKeyId>
                      <SecretAccessKey>%s</SecretAccessKey>
                      <SessionToken>%s</SessionToken>
                      <Expiration>%s</Expiration>
                    </Credentials>
                    <Endpoint>%s</Endpoint>
                    <Region>%s</Region>
                  </AssumeRoleResult>
                </AssumeRoleResponse>
                """.formatted(grant.accessKeyId(), grant.secret(), grant.sessionToken(), grant.expires(), endpoint, region);
    }
}

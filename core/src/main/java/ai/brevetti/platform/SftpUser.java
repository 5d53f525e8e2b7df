package ai.brevetti.platform;

import java.util.Map;

/**
 * An SFTP login to a dataset's folder (Python's {@code api.SftpUser}). The private key comes only in the
 * answer creating the user (masked when printed; {@link Secret#reveal()} to save it); a listing has it
 * empty. Read tolerantly: fields the platform adds are ignored.
 *
 * @param userName the login name
 * @param folder the folder it reaches (the dataset's)
 * @param privateKey its private key (PEM), empty but at creation
 * @param publicKey its public key (OpenSSH format)
 */
public record SftpUser(String userName, String folder, Secret privateKey, String publicKey) {

    /** An SFTP user from the platform's JSON object. */
    public static SftpUser fromMap(Map<String, ?> json) {
        JsonFields f = JsonFields.of(json);
        return new SftpUser(f.text("userName"), f.text("folder"), f.secret("privateKey"), f.text("publicKey"));
    }
}

package ai.brevetti.platform;

import java.util.Map;

/**
 * Who a login logged in as: the user part of the platform's login answer (Python's {@code web.user}),
 * without its token. Fields the answer lacks are empty; fields it has beyond these are ignored.
 *
 * @param id the user's id
 * @param userName the user name logged in with
 * @param email the e-mail address
 * @param firstName the first name
 * @param lastName the last name
 */
public record LoginUser(String id, String userName, String email, String firstName, String lastName) {

    /** The user of a login answer; {@code fallbackUserName} when it names none. */
    static LoginUser fromMap(Map<String, Object> answer, String fallbackUserName) {
        String userName = text(answer, "userName");
        if (userName.isEmpty()) {
            userName = text(answer, "username");
        }
        return new LoginUser(text(answer, "id"), userName.isEmpty() ? fallbackUserName : userName, text(answer, "email"),
                text(answer, "firstName"), text(answer, "lastName"));
    }

    private static String text(Map<String, Object> answer, String field) {
        Object value = answer.get(field);
        return value == null ? "" : String.valueOf(value);
    }

    /** "First Last (user)", or the user name alone. */
    public String displayName() {
        String name = (firstName + " " + lastName).strip();
        return name.isEmpty() || name.equals(userName) ? userName : name + " (" + userName + ")";
    }
}

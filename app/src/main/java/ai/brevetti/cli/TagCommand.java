package ai.brevetti.cli;

import ai.brevetti.platform.PlatformApi;
import ai.brevetti.platform.Tag;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code brevettiai tag list|create|delete}: the platform's tag trees. */
@Command(name = "tag", description = "Lists, creates and deletes the tags datasets and models are tagged with.", mixinStandardHelpOptions = true,
        subcommands = {TagCommand.ListTags.class, TagCommand.Create.class, TagCommand.Delete.class})
final class TagCommand {

    @Command(name = "list", description = "Prints the tag trees, one tag a line, sub-tags indented.", mixinStandardHelpOptions = true)
    static final class ListTags implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Override
        public Integer call() {
            print(PlatformApi.connect(host.host()).getTags(), "");
            return 0;
        }

        private static void print(List<Tag> tags, String indent) {
            for (Tag t : tags) {
                System.out.println(indent + t.id() + "  " + t.name());
                print(t.children(), indent + "  ");
            }
        }
    }

    @Command(name = "create", description = "Creates a tag, at the root or under a parent tag.", mixinStandardHelpOptions = true)
    static final class Create implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Option(names = "--name", required = true, description = "The tag's name.")
        String name;

        @Option(names = "--parent", description = "The parent tag's id (default: a new root).")
        String parent;

        @Override
        public Integer call() {
            Tag tag = PlatformApi.connect(host.host()).createTag(name, parent);
            System.out.println("Tag '" + tag.name() + "' created: " + tag.id());
            return 0;
        }
    }

    @Command(name = "delete", description = "Deletes a tag and its sub-tags.", mixinStandardHelpOptions = true)
    static final class Delete implements Callable<Integer> {
        @Mixin
        HostOption host;

        @Parameters(paramLabel = "ID", description = "The tag's id.")
        String id;

        @Override
        public Integer call() {
            PlatformApi.connect(host.host()).deleteTag(id);
            System.out.println("Tag " + id + " deleted");
            return 0;
        }
    }
}

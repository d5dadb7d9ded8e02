package dev.aioskill.cli;

import dev.aioskill.skill.ReferenceLookup;
import dev.aioskill.skill.SkillPack;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `aioskill reference [TOPIC]`: the skill's reference topics, or one section of them. */
@Command(name = "reference", mixinStandardHelpOptions = true,
        description = {"Print one section of the skill's references by topic, or list the topics.",
            "The model reads the same sections through its read_reference tool."})
public final class ReferenceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "TOPIC",
            description = "A topic id or words from a heading, e.g. cancellation or \"task group\".")
    String topic;

    @Option(names = "--source", description = "Also print where the skill was loaded from.")
    boolean source;

    @Option(names = "--skill", description = "Print SKILL.md itself (front matter name and description, then the body).")
    boolean skill;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        SkillPack pack = SkillPack.load();
        if (source) {
            out.println("skill: " + pack.frontMatter().name() + " loaded from " + pack.source());
        }
        if (skill) {
            out.println("name: " + pack.frontMatter().name());
            out.println("description: " + pack.frontMatter().description());
            out.println();
            out.print(pack.body());
            out.flush();
            return ExitCodes.OK;
        }
        if (topic == null) {
            pack.index().topics().forEach(out::println);
            out.flush();
            return ExitCodes.OK;
        }
        ReferenceLookup lookup = pack.readReference(topic);
        if (!lookup.found()) {
            throw new UsageException(lookup.render());
        }
        out.print(lookup.render());
        out.flush();
        return ExitCodes.OK;
    }
}

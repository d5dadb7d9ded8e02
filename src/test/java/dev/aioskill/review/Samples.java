package dev.aioskill.review;

import dev.aioskill.check.Category;
import dev.aioskill.check.Finding;
import dev.aioskill.check.RuleInfo;
import dev.aioskill.check.Severity;
import java.util.List;

/** Hand-made source, checker findings and rule docs shared by the review tests (no Python involved). */
final class Samples {

    private Samples() {}

    static final String PATH = "app.py";

    /** 14 lines; the comments at line ends are not code the tests quote. */
    static final String SOURCE = """
            import asyncio
            import time
            import requests

            async def fetch(url):
                time.sleep(1)
                r = requests.get(url)
                return r.text

            async def main(urls):
                asyncio.create_task(fetch(urls[0]))
                for u in urls:
                    await fetch(u)
                loop = asyncio.get_event_loop()
            """;

    static final Finding SLEEP = finding("AIO100", "blocking-sleep", Severity.ERROR, Category.BLOCKING, 6, 6,
            "time.sleep(1) blocks the event loop for 1 second", "Ch 2-3", "Use await asyncio.sleep(...) instead.");
    static final Finding HTTP = finding("AIO101", "blocking-http", Severity.ERROR, Category.BLOCKING, 7, 7,
            "requests.get() is synchronous HTTP inside a coroutine", "Ch 2-3", "Use aiohttp with one shared ClientSession.");
    static final Finding DANGLING = finding("AIO113", "dangling-task", Severity.ERROR, Category.TASKS, 11, 11,
            "the task from asyncio.create_task() is not kept", "Ch 3", "Keep a reference to the task and await it.");
    static final Finding SEQUENTIAL = finding("AIO110", "sequential-await-in-loop", Severity.SUGGESTION, Category.TASKS,
            12, 13, "each fetch(u) waits for the previous one", "Ch 3", "Run them concurrently with gather or a TaskGroup.");
    static final Finding GET_LOOP = finding("AIO121", "get-event-loop-in-coroutine", Severity.WARNING, Category.TASKS,
            14, 14, "asyncio.get_event_loop() called in a coroutine", "Ch 3", "Use asyncio.get_running_loop().");

    static final List<Finding> ALL = List.of(SLEEP, HTTP, DANGLING, SEQUENTIAL, GET_LOOP);

    static Finding finding(String rule, String name, Severity severity, Category category, int line, int endLine,
            String message, String chapter, String fix) {
        return new Finding(rule, name, severity, category, PATH, line, 4, endLine, 20, message, chapter, fix);
    }

    static final RuleDocs DOCS = RuleDocs.of(List.of(
            rule("AIO100", "blocking-sleep", Severity.ERROR, Category.BLOCKING, "Ch 2-3",
                    "Flags time.sleep() in a coroutine.",
                    "While it sleeps, the whole event loop\n    stops: no other task runs.",
                    "    async def f():\n        time.sleep(1)\n",
                    "    async def f():\n        await asyncio.sleep(1)\n",
                    "Use await asyncio.sleep(...) instead."),
            rule("AIO101", "blocking-http", Severity.ERROR, Category.BLOCKING, "Ch 2-3",
                    "Flags synchronous HTTP clients in a coroutine.",
                    "A synchronous request holds the loop until the server answers.",
                    "requests.get(url)",
                    "async with session.get(url) as resp:\n    body = await resp.text()",
                    "Use aiohttp with one shared ClientSession."),
            rule("AIO110", "sequential-await-in-loop", Severity.SUGGESTION, Category.TASKS, "Ch 3",
                    "Flags awaiting independent calls one by one in a for loop.",
                    "The calls could overlap; one at a time wastes the waiting.",
                    "for u in urls:\n    await fetch(u)",
                    "await asyncio.gather(*(fetch(u) for u in urls))",
                    "Run them concurrently with gather or a TaskGroup."),
            rule("AIO113", "dangling-task", Severity.ERROR, Category.TASKS, "Ch 3",
                    "Flags create_task results that are thrown away.",
                    "The loop keeps only a weak reference, so the task can vanish mid-flight and its errors go unseen.",
                    "asyncio.create_task(work())",
                    "task = asyncio.create_task(work())\n...\nawait task",
                    "Keep a reference to the task and await it."),
            rule("AIO121", "get-event-loop-in-coroutine", Severity.WARNING, Category.TASKS, "Ch 3",
                    "Flags asyncio.get_event_loop() in a coroutine.",
                    "Inside a coroutine the running loop is what you want, and get_running_loop() says so.",
                    "loop = asyncio.get_event_loop()",
                    "loop = asyncio.get_running_loop()",
                    "Use asyncio.get_running_loop().")));

    static RuleInfo rule(String id, String name, Severity severity, Category category, String chapter,
            String what, String why, String example, String useInstead, String fix) {
        return new RuleInfo(id, name, severity, category, chapter, what, why, example, useInstead, "", fix);
    }

    /** A draft finding as a model would send it. */
    static ReviewFinding modelFinding(String rule, String title, Category category, Severity severity, int line,
            String quote, String problem, String fix) {
        return new ReviewFinding(rule, title, category, "Ch 3", severity, new Location(PATH, line, line, quote),
                problem, fix, null, Origin.MODEL);
    }
}

package dev.aioskill.sandbox;

import static dev.aioskill.sandbox.SandboxFixtures.py;
import static dev.aioskill.sandbox.SandboxFixtures.quick;
import static dev.aioskill.sandbox.SandboxFixtures.sandbox;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PytestSandboxTest {

    private final PytestSandbox sandbox = sandbox();

    @Test
    void passingTestsArePassedWithOneEntryPerTest() {
        TestRun run = sandbox.runCodeAndTests(
                py("def add(a, b):", "    return a + b"),
                py("from app import add", "", "def test_adds():", "    assert add(2, 3) == 5", "",
                        "def test_adds_negatives():", "    assert add(-2, -3) == -5"),
                quick());

        assertThat(run.status()).as(run.message() + "\n" + run.output()).isEqualTo(TestStatus.PASSED);
        assertThat(run.isolation()).isEqualTo(Isolation.BUBBLEWRAP);
        assertThat(run.passed()).isEqualTo(2);
        assertThat(run.tests()).extracting(TestCaseResult::name)
                .containsExactlyInAnyOrder("test_app::test_adds", "test_app::test_adds_negatives");
        assertThat(run.tests()).allMatch(t -> t.outcome().equals(TestCaseResult.PASSED));
        assertThat(run.message()).isEmpty();
    }

    @Test
    void aFailingAssertionIsFailedWithItsMessage() {
        TestRun run = sandbox.runCodeAndTests(
                py("def add(a, b):", "    return a - b"),
                py("from app import add", "", "def test_adds():", "    assert add(2, 3) == 5", "",
                        "def test_zero():", "    assert add(0, 0) == 0"),
                quick());

        assertThat(run.status()).as(run.message()).isEqualTo(TestStatus.FAILED);
        assertThat(run.passed()).isEqualTo(1);
        assertThat(run.failed()).isEqualTo(1);
        TestCaseResult failing = run.tests().stream().filter(t -> t.outcome().equals("failed")).findFirst().orElseThrow();
        assertThat(failing.name()).isEqualTo("test_app::test_adds");
        assertThat(failing.message()).contains("assert -1 == 5");
    }

    @Test
    void aFixtureErrorIsError() {
        TestRun run = sandbox.run(Map.of("test_fx.py", py(
                "import pytest", "", "@pytest.fixture", "def broken():", "    raise RuntimeError('fixture broke')", "",
                "def test_uses(broken):", "    pass")), quick());

        assertThat(run.status()).as(run.message()).isEqualTo(TestStatus.ERROR);
        assertThat(run.errors()).isEqualTo(1);
        assertThat(run.message()).contains("test_fx::test_uses").contains("fixture broke");
    }

    @Test
    void codeThatDoesNotImportIsErrorWithTheImportMessage() {
        TestRun run = sandbox.runCodeAndTests(
                py("import requests_that_do_not_exist", "def f():", "    return 1"),
                py("from app import f", "def test_f():", "    assert f() == 1"),
                quick());

        assertThat(run.status()).as(run.message()).isEqualTo(TestStatus.ERROR);
        assertThat(run.message()).contains("could not be collected")
                .contains("No module named 'requests_that_do_not_exist'");
    }

    @Test
    void aSyntaxErrorInTheCodeIsErrorNamingIt() {
        TestRun run = sandbox.runCodeAndTests(py("def broken(:", "    pass"),
                py("from app import broken", "def test_b():", "    broken()"), quick());

        assertThat(run.status()).as(run.message()).isEqualTo(TestStatus.ERROR);
        assertThat(run.message()).contains("SyntaxError");
    }

    @Test
    void noTestCollectedIsError() {
        TestRun run = sandbox.runCodeAndTests(py("X = 1"), py("def helper():", "    return 2"), quick());

        assertThat(run.status()).as(run.message()).isEqualTo(TestStatus.ERROR);
        assertThat(run.message()).contains("no tests collected");
    }

    @Test
    void asyncTestsRunInAutoModeWithPytestAsyncio() {
        TestRun run = sandbox.runCodeAndTests(
                py("import asyncio", "", "async def fetch_all(n):",
                        "    async with asyncio.TaskGroup() as tg:",
                        "        tasks = [tg.create_task(asyncio.sleep(0.01, result=i)) for i in range(n)]",
                        "    return [t.result() for t in tasks]"),
                py("import pytest_asyncio", "from app import fetch_all", "",
                        "def test_pytest_asyncio_is_importable():", "    assert pytest_asyncio.__version__",
                        "", "async def test_fetch_all():", "    assert await fetch_all(5) == [0, 1, 2, 3, 4]"),
                quick());

        assertThat(run.status()).as(run.message() + "\n" + run.output()).isEqualTo(TestStatus.PASSED);
        assertThat(run.passed()).isEqualTo(2);
    }

    @Test
    void testsImportTheCodeByItsOwnModuleName() {
        TestRun run = sandbox.run(Map.of(
                "rate_limiter.py", py("class Limiter:", "    limit = 3"),
                "test_rate_limiter.py", py("import rate_limiter", "def test_limit():", "    assert rate_limiter.Limiter.limit == 3")),
                quick());

        assertThat(run.status()).as(run.message() + "\n" + run.output()).isEqualTo(TestStatus.PASSED);
    }
}

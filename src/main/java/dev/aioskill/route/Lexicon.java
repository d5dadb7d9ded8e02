package dev.aioskill.route;

import java.util.Set;

/**
 * The words the rules look for, in English, German, Spanish, French, Portuguese, Chinese and a little
 * Japanese. Entries use the {@link Keywords} notation; accents do not matter ("uberpruf*" matches
 * "überprüfen"). Inflected English forms are listed where a prefix would catch unrelated words
 * ("fix*" would catch "fixture").
 */
final class Lexicon {

    private Lexicon() {}

    /** Asking for something new. "make" and "add" are handled here too; "make this faster" is not build. */
    static final Keywords BUILD_VERBS = new Keywords(
            "build", "builds", "building", "create", "creating", "implement", "implements", "implementing", "write", "writing", "writ",
            "design", "designing", "make", "generate", "generating", "add", "produce", "develop", "draft",
            "prototype", "scaffold", "convert", "migrate", "translate", "code up", "whip up",
            "put together", "set up", "spin up", "knock up", "sketch", "assemble",
            // German
            "schreib*", "erstell*", "implementier*", "bau", "baue", "bauen", "generier*", "entwickl*",
            "programmier*", "erzeug*",
            // Spanish
            "escrib*", "crea", "crear", "creame", "implementa", "implementar", "genera", "generar", "constru*",
            "disena", "disenar", "haz", "hazme",
            // French
            "ecri*", "cree", "creer", "creez", "implemente", "implementer", "genere", "generer", "construi*",
            "developpe", "developper", "code-moi", "fais",
            // Portuguese
            "escrev*", "crie", "cria", "criar", "gere", "gera", "gerar", "desenvolv*", "faca", "faz",
            // Chinese, Japanese
            "写", "编写", "实现", "创建", "生成", "开发", "设计", "搭建", "做一个", "書いて", "作って", "実装", "作成");

    /** Asking to judge or change existing code. */
    static final Keywords REVIEW_VERBS = new Keywords(
            "review", "reviews", "reviewing", "audit", "auditing", "improve", "improving", "debug", "debugging",
            "optimize", "optimise", "optimizing", "optimising", "fix", "fixing", "refactor", "refactoring",
            "check", "checking", "inspect", "critique", "criticize", "criticise", "harden", "simplify",
            "tidy", "polish", "rewrite", "diagnose", "troubleshoot", "evaluate", "assess",
            "proofread", "vet", "clean up", "look over", "look at", "take a look", "have a look",
            "go over", "go through", "speed up", "sanity check", "spot the", "find the bug", "find bugs",
            // German
            "uberpruf*", "pruf", "prufe", "prufen", "verbesser*", "korrigier*", "optimier*", "reparier*",
            "debugge", "anschauen", "schau dir",
            // Spanish
            "revisa", "revisar", "revisalo", "corrige", "corregir", "mejora", "mejorar", "optimiza", "optimizar",
            "arregla", "arreglar", "depura", "depurar",
            // French
            "revois", "relis", "relire", "corrig*", "ameliore*", "optimise", "verifie", "verifier", "debogue*",
            "jette un oeil",
            // Portuguese
            "revise", "revisar", "corrija", "melhore", "melhorar", "otimiz*", "conserte", "consertar",
            "verifique", "verificar",
            // Chinese, Japanese
            "看看", "看一下", "检查", "审查", "审核", "修复", "修改", "优化", "改进", "重构", "调试", "レビュー",
            "確認", "直して", "修正", "改善");

    /** Judging phrases that need a subject: strong next to code, weaker without. */
    static final Keywords JUDGEMENT = new Keywords(
            "what's wrong", "whats wrong", "what is wrong", "what went wrong", "any issues", "any problems",
            "any bugs", "is this ok", "is this okay", "is this fine", "is this right", "is this correct",
            "is this good", "is it ok", "is it okay", "is it fine", "is it correct", "does this look*",
            "look right", "looks right", "look ok", "looks ok", "thoughts", "what do you think",
            "what would you change", "would you change", "anything wrong", "is there a bug", "is there a race",
            "feedback", "code smell", "esta mal", "que esta mal", "was ist falsch", "stimmt etwas nicht",
            "qu'est-ce qui ne va pas", "ne va pas", "o que esta errado", "esta errado", "有什么问题", "哪里错",
            "有问题吗", "对吗");

    /** Symptoms: with code or "my ..." they mean the user's code misbehaves. */
    static final Keywords COMPLAINTS = new Keywords(
            "hang", "hangs", "hanging", "hung", "stuck", "freeze", "freezes", "froze", "frozen", "freezing",
            "leak", "leaks", "leaking", "leaky", "block", "blocks", "blocked", "slow", "slower", "slowly",
            "sluggish", "deadlock*", "crash*", "error", "errors", "exception", "exceptions", "traceback",
            "warning", "warnings", "fail", "fails", "failing", "failed", "broken", "breaks", "bug", "bugs",
            "buggy", "wrong", "race", "never", "randomly", "sometimes", "stops", "stopped", "grows", "growing",
            "pile", "piles", "messy", "ugly", "weird", "problem", "problems", "issue", "issues", "doesn't work",
            "does not work", "not working", "won't", "doesnt",
            // German, Spanish, French, Portuguese
            "hangt", "blockiert", "langsam", "fehler", "haengt", "funktioniert nicht", "cuelga", "bloquea",
            "lento", "no funciona", "bloque", "lent", "plante", "fuite", "ne marche pas", "trava", "travando",
            "vaza", "nao funciona", "erro",
            // Chinese, Japanese
            "卡住", "卡死", "阻塞", "泄漏", "泄露", "报错", "错误", "很慢", "太慢", "死锁", "挂起", "止まる", "遅い",
            "エラー");

    /** Asking for an example or a thing to be handed over: new code, code present or not. */
    static final Keywords ASKS_FOR_CODE = new Keywords(
            "i need", "need a", "need an", "i want", "i'd like", "i would like", "looking for", "give me",
            "show me", "example", "examples", "snippet", "template", "boilerplate", "sample",
            "ich brauche", "ich mochte", "beispiel", "necesito", "quiero", "ejemplo", "j'ai besoin",
            "je veux", "je voudrais", "exemple", "preciso", "quero", "exemplo", "我需要", "我想要", "给我", "示例",
            "例子");

    /** Asking for an explanation: a concept without code, the pasted code with it. */
    static final Keywords EXPLAIN = new Keywords(
            "explain", "tell me", "teach me", "walk me through", "erklar*", "explica", "explicame",
            "explique", "explique-moi", "解释", "介绍", "説明");

    /** Words that start a question. */
    static final Set<String> QUESTION_STARTS = Set.of(
            "how", "what", "what's", "whats", "when", "which", "why", "where", "should", "is", "are", "can",
            "could", "does", "do", "difference", "wie", "was", "wann", "warum", "welche", "welcher", "welches",
            "sollte", "como", "que", "cuando", "cual", "por", "comment", "quand", "pourquoi", "quel", "quelle",
            "quoi", "est-ce", "qual", "quando", "o");

    static final Keywords QUESTION_MARKERS = new Keywords(
            "怎么", "如何", "什么", "为什么", "吗", "区别", "どう", "なぜ", "何");

    /** A "why ... this/my" question is about the user's code, not the concept. */
    static final Set<String> WHY = Set.of("why", "warum", "wieso", "pourquoi", "porque", "por", "为什么");

    /** Words that point at code the user already has. */
    static final Keywords OWNERSHIP = new Keywords(
            "my", "our", "mine", "this", "these", "the following", "below", "mein*", "unser*", "dies*",
            "mi", "mis", "este", "esta", "esto", "ese", "esa", "nuestro", "mon", "ma", "mes", "ce", "cet",
            "cette", "notre", "meu", "minha", "meus", "esse", "essa", "isso", "nosso", "我的", "这段", "这个",
            "以下", "下面", "この");

    /** The prose mentions a file that came with the request. */
    static final Keywords FILE_MENTION = new Keywords(
            "attached", "attachment", "uploaded", "anhang", "angehangt", "adjunto", "piece jointe", "anexo",
            "anexado", "附件", "添付");

    /** Async and concurrency vocabulary: what makes a question a question about the skill's concepts. */
    static final Keywords DOMAIN = new Keywords(
            "async*", "await*", "asyncio*", "coroutine*", "corrutin*", "coroutin*", "event loop", "loop",
            "loops", "task", "tasks", "taskgroup", "gather", "wait", "wait_for", "as_completed", "shield",
            "timeout*", "semaphore*", "semaf*", "lock", "locks", "queue*", "aiohttp", "aiofiles", "asyncpg",
            "redis", "websocket*", "concurr*", "concorr*", "parallel*", "paralel*", "nebenlauf*", "cancel*",
            "to_thread", "executor*", "thread*", "callback*", "future*", "generator*", "context manager*",
            "subprocess*", "sanic", "fastapi", "trio", "anyio", "uvloop", "cpu-bound", "cpu", "io-bound",
            "non-blocking", "blocking", "session*", "pool", "stream*", "server", "client", "http", "scheduler",
            "asinc*", "assinc*", "asynchron*", "tarea*", "tache*", "tarefa*", "异步", "协程", "事件循环", "并发",
            "非同期");

    /** Opening words of a statement about the user, not a specification of code. */
    static final Set<String> FIRST_PERSON_CONTEXT = Set.of(
            "i", "i'm", "im", "i've", "ive", "we", "we're", "ich", "je", "j'ai", "yo", "eu", "我");

    static final Keywords GREETINGS = new Keywords(
            "hi", "hello", "hey", "hallo", "hola", "bonjour", "salut", "ola", "ciao", "yo", "good morning",
            "good evening", "good afternoon", "thanks", "thank you", "thx", "danke", "gracias", "merci",
            "obrigado", "obrigada", "你好", "谢谢", "こんにちは", "ありがとう");

    /** A negation just before a verb or symptom cancels it ("don't rewrite", "without freezing"). */
    static final Set<String> NEGATIONS = Set.of(
            "don't", "dont", "not", "without", "nicht", "ohne", "sin", "sans", "sem", "nao");

    /** Real words one edit away from a verb; never read them as typos. */
    static final Set<String> NOT_TYPOS = Set.of(
            "audio", "crate", "debut", "cheek", "chick", "chuck", "check", "fixed", "mixed", "writes", "white",
            "bright", "built", "review", "reviews", "design", "designs", "improved", "prove", "approve");
}

package dev.aioskill.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * pytest's {@code --junitxml} report, read with the JDK's parser with DTDs and external entities
 * off: the file is written by untrusted code and must not make the JVM fetch or read anything.
 *
 * @param cases             one entry per {@code <testcase>}
 * @param collectionFailure the text of the first collection error (a module that does not import),
 *                          empty when collection went fine
 */
record JUnitReport(List<TestCaseResult> cases, String collectionFailure) {

    /** Long tracebacks are cut: the model and a terminal need the end of them, not megabytes. */
    static final int MAX_MESSAGE_CHARS = 8000;

    JUnitReport {
        cases = List.copyOf(cases);
    }

    long count(String outcome) {
        return cases.stream().filter(c -> c.outcome().equals(outcome)).count();
    }

    /** The report, or empty when the file is missing, empty or not a pytest JUnit XML. */
    static Optional<JUnitReport> read(Path xml) {
        try {
            if (!Files.isRegularFile(xml) || Files.size(xml) == 0) {
                return Optional.empty();
            }
            Document document;
            try (InputStream in = Files.newInputStream(xml)) {
                document = safeBuilder().parse(in);
            }
            NodeList testcases = document.getElementsByTagName("testcase");
            List<TestCaseResult> cases = new ArrayList<>();
            String collectionFailure = "";
            for (int i = 0; i < testcases.getLength(); i++) {
                Element testcase = (Element) testcases.item(i);
                TestCaseResult result = toResult(testcase);
                if (collectionFailure.isEmpty() && result.outcome().equals(TestCaseResult.ERROR)
                        && testcase.getAttribute("classname").isEmpty()) {
                    collectionFailure = result.message();
                }
                cases.add(result);
            }
            return Optional.of(new JUnitReport(cases, collectionFailure));
        } catch (IOException | SAXException | ParserConfigurationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static TestCaseResult toResult(Element testcase) {
        String classname = testcase.getAttribute("classname");
        String name = testcase.getAttribute("name");
        String fullName = classname.isEmpty() ? name : classname + "::" + name;
        double seconds = parseSeconds(testcase.getAttribute("time"));
        String outcome = TestCaseResult.PASSED;
        String message = "";
        for (Node child = testcase.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!(child instanceof Element element)) {
                continue;
            }
            String tag = element.getTagName();
            String found = switch (tag) {
                case "failure" -> TestCaseResult.FAILED;
                case "error" -> TestCaseResult.ERROR;
                case "skipped" -> TestCaseResult.SKIPPED;
                default -> null;
            };
            // A test can fail and then error in teardown: the first verdict names it, both texts stay.
            if (found != null) {
                if (outcome.equals(TestCaseResult.PASSED)) {
                    outcome = found;
                }
                String text = describe(element);
                message = message.isEmpty() ? text : message + "\n" + text;
            }
        }
        return new TestCaseResult(fullName, outcome, seconds, cut(message));
    }

    private static String describe(Element element) {
        String attribute = element.getAttribute("message");
        String body = element.getTextContent() == null ? "" : element.getTextContent().strip();
        if (body.isEmpty()) {
            return attribute;
        }
        return body.contains(attribute) ? body : attribute + "\n" + body;
    }

    private static String cut(String text) {
        if (text.length() <= MAX_MESSAGE_CHARS) {
            return text;
        }
        // Keep the end: that is where the assertion and the exception are.
        return "[...] " + text.substring(text.length() - MAX_MESSAGE_CHARS);
    }

    private static double parseSeconds(String value) {
        try {
            return value.isEmpty() ? 0.0 : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0.0;
        }
    }

    /** Configured once: looking the factory up costs milliseconds per run. Guarded by itself. */
    private static DocumentBuilderFactory factory;

    private static synchronized DocumentBuilder safeBuilder() throws ParserConfigurationException {
        if (factory == null) {
            factory = safeFactory();
        }
        DocumentBuilder builder = factory.newDocumentBuilder();
        builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler() {
            @Override
            public void error(org.xml.sax.SAXParseException e) throws SAXException {
                throw e;
            }
        });
        return builder;
    }

    private static DocumentBuilderFactory safeFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }
}

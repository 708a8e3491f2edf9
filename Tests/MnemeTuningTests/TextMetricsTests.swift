import MnemeTuning
import Testing

@Suite struct TextMetricsTests {
    @Test func normalisationDropsCasePunctuationAndArticles() {
        #expect(TextMetrics.normalize("The Cat, sat!") == "cat sat")
        #expect(TextMetrics.normalize("  An   apple\ta day ") == "apple day")
        #expect(TextMetrics.normalize("state-of-the-art / don't") == "state of art dont")
        #expect(TextMetrics.tokens("Über 27 Tage.") == ["über", "27", "tage"])
    }

    @Test func exactMatchComparesNormalisedTexts() {
        #expect(TextMetrics.exactMatch("Paris.", "paris"))
        #expect(TextMetrics.exactMatch("The Paris", "Paris"))
        #expect(!TextMetrics.exactMatch("Paris, France", "Paris"))
    }

    @Test func tokenF1AndRougeLOnHandComputedCases() {
        // Output tokens [cat, sat, on, mat], reference [cat, on, mat]: 3 in common,
        // P = 3/4, R = 1, F1 = 2·0.75·1 / 1.75 = 6/7. The LCS is also 3: ROUGE-L = 6/7.
        #expect(abs(TextMetrics.tokenF1("the cat sat on the mat", "a cat on a mat") - 6.0 / 7.0) < 1e-12)
        #expect(abs(TextMetrics.rougeL("the cat sat on the mat", "a cat on a mat") - 6.0 / 7.0) < 1e-12)
        // Same bag, reversed order: F1 = 1, but the LCS is 1 token: P = R = 1/3.
        #expect(TextMetrics.tokenF1("mat on cat", "cat on mat") == 1)
        #expect(abs(TextMetrics.rougeL("mat on cat", "cat on mat") - 1.0 / 3.0) < 1e-12)
        // Repeated tokens count once per occurrence in the reference: out [yes, yes, yes], ref [yes, no]:
        // common 1, P = 1/3, R = 1/2, F1 = 2·(1/6)/(5/6) = 0.4.
        #expect(abs(TextMetrics.tokenF1("yes yes yes", "yes no") - 0.4) < 1e-12)
        #expect(TextMetrics.tokenF1("", "") == 1)
        #expect(TextMetrics.tokenF1("something", "") == 0)
        #expect(TextMetrics.rougeL("", "reference") == 0)
        #expect(TextMetrics.tokenF1("completely different", "nothing shared") == 0)
    }

    @Test func longestCommonSubsequenceOfAKnownPair() {
        // The textbook pair ABCBDAB / BDCABA has an LCS of length 4 (BCBA).
        let a = ["A", "B", "C", "B", "D", "A", "B"]
        let b = ["B", "D", "C", "A", "B", "A"]
        #expect(TextMetrics.longestCommonSubsequence(a, b) == 4)
        #expect(TextMetrics.longestCommonSubsequence(a, []) == 0)
    }

    @Test func refusalsAreRecognisedNearTheStartOnly() {
        #expect(TextMetrics.isRefusal("I’m sorry, but I can’t help with that."))
        #expect(TextMetrics.isRefusal("As an AI model, I do not have opinions."))
        #expect(TextMetrics.isRefusal("I am unable to share account details."))
        #expect(!TextMetrics.isRefusal("Sorry for the wait: you get 27 days."))
        #expect(!TextMetrics.isRefusal(String(repeating: "x", count: 300) + " I cannot help with that"))
        #expect(TextMetrics.wordCount(" one  two\nthree ") == 3)
    }

    @Test func judgeRepliesAreParsed() {
        let verdict = EvalJudge.parse("**SCORE:** 4\n**Reason:** the key fact is there.")
        #expect(verdict?.score == 4)
        #expect(verdict?.reason == "the key fact is there.")
        #expect(EvalJudge.parse("Score: 3.5\nREASON: close")?.score == 3.5)
        #expect(EvalJudge.parse("SCORE: 7\nREASON: too high") == nil)
        #expect(EvalJudge.parse("I think it is good.") == nil)
    }
}

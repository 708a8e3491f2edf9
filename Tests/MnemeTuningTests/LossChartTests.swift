import MnemeTuning
import Testing

@Suite struct LossChartTests {
    @Test func aFallingTrainingSeriesIsADiagonal() {
        let points = (1...5).map { LossPoint(step: $0, trainLoss: Double(6 - $0)) }
        let chart = LossChart(width: 5, height: 5, style: .ascii).render(points)
        #expect(
            chart == """
                5.000 +*
                      | *
                      |  *
                      |   *
                1.000 +    *
                      +-----
                       1   5
                       * train   (loss by step)
                """)
    }

    @Test func validationLossIsDrawnWithItsOwnGlyphAndSharedCellsAreMarked() {
        let points = [
            LossPoint(step: 10, trainLoss: 2.0, validLoss: 2.0),
            LossPoint(step: 20, trainLoss: 1.0, validLoss: 1.5),
            LossPoint(step: 30, trainLoss: 0.0, validLoss: 2.0),
        ]
        let chart = LossChart(width: 3, height: 3, style: .unicode).render(points)
        // Rows: 2 - loss (range 0…2 on 3 rows); step 20's validation 1.5 rounds to the middle row,
        // where training's 1.0 already is.
        #expect(
            chart == """
                2.000 ┤◉ ◆
                      │ ◉
                0.000 ┤  •
                      └───
                       10 30
                       • train  ◆ validation   (loss by step)
                """)
    }

    @Test func stepsInOneColumnAreAveragedAndFlatSeriesStillDraw() {
        // Steps 1 and 2 share column 0 of a 2-column chart: (4 + 2) / 2 = 3, between 4 and 0.
        let points = [
            LossPoint(step: 1, trainLoss: 4), LossPoint(step: 2, trainLoss: 2), LossPoint(step: 9, trainLoss: 0),
        ]
        let rows = LossChart(width: 2, height: 5, style: .ascii).render(points).split(separator: "\n")
        #expect(rows[0] == "4.000 +", "no step sits at 4 once averaged")
        #expect(rows[1] == "      |*", "3 is a quarter of the way down")
        #expect(rows[4] == "0.000 + *")

        let flat = LossChart(width: 4, height: 3, style: .ascii).render([
            LossPoint(step: 1, trainLoss: 1), LossPoint(step: 2, trainLoss: 1),
        ])
        #expect(flat.split(separator: "\n")[1] == "      |*  *", "a flat series sits in the middle")
        #expect(LossChart().render([]) == "no loss reported yet")
        #expect(LossChart().render([LossPoint(step: 1)]) == "no loss reported yet")
    }

    @Test func theOverfittingNoteNamesTheBestStep() {
        let rising = [
            LossPoint(step: 1, validLoss: 2.0), LossPoint(step: 2, validLoss: 1.0), LossPoint(step: 3, validLoss: 1.2),
        ]
        let note = LossChart.overfittingNote(rising)
        #expect(note?.contains("20% above its lowest (1.000 at step 2)") == true)
        #expect(note?.contains("possible overfitting") == true)
        let falling = [LossPoint(step: 1, validLoss: 2.0), LossPoint(step: 2, validLoss: 1.0)]
        #expect(LossChart.overfittingNote(falling) == "validation loss 1.000 at step 2 (lowest 1.000 at step 2)")
        #expect(LossChart.overfittingNote([LossPoint(step: 1, trainLoss: 1)]) == nil)
    }
}

@Suite struct TrainingEstimateTests {
    @Test func defaultEpochsFollowOpenAIsAutoRule() {
        #expect(TrainingEstimate.defaultEpochs(examples: 10) == 10, "3·10 < 100: 100/10")
        #expect(TrainingEstimate.defaultEpochs(examples: 2) == 25, "capped at 25")
        #expect(TrainingEstimate.defaultEpochs(examples: 50) == 3)
        #expect(TrainingEstimate.defaultEpochs(examples: 10_000) == 2, "3·10000 > 25000: 25000/10000")
        #expect(TrainingEstimate.defaultEpochs(examples: 0) == 3)
    }

    @Test func aFileIsCountedWithTheChatRules() throws {
        let sandbox = try TuningSandbox()
        // "hi" and "hello" are one o200k token each: 3 per message + 1 content, + 3 per conversation.
        let line = #"{"messages":[{"role":"user","content":"hi"},{"role":"assistant","content":"hello"}]}"#
        let path = try sandbox.write("t.jsonl", line + "\n\n" + line + "\n")
        let estimate = try TrainingEstimate.estimate(fileAt: path, model: "gpt-4o-mini", epochs: 4)
        #expect(estimate.examples == 2)
        #expect(estimate.tokens == 2 * (3 + 1 + 1 + 3 + 1 + 1 + 3))
        #expect(estimate.billedTokens == 4 * estimate.tokens)
        let vertex = try sandbox.write(
            "v.jsonl",
            #"{"contents":[{"role":"user","parts":[{"text":"hi"}]},{"role":"model","parts":[{"text":"hello"}]}]}"#)
        #expect(try TrainingEstimate.estimate(fileAt: vertex, model: "gpt-4o-mini", epochs: 1).tokens == 13)
    }
}

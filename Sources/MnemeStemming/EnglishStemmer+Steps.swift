/// Steps 1a to 5 and the postlude of the English stemmer, ported rule by rule from the
/// Snowball 3.1.1 reference. All steps run backward from the end of the word.
extension EnglishStemmer {
    @inline(__always)
    static func r1(_ env: SnowballEnv, _ state: State) -> Bool { state.p1 <= env.cursor }

    @inline(__always)
    static func r2(_ env: SnowballEnv, _ state: State) -> Bool { state.p2 <= env.cursor }

    /// Step 1a: possessive apostrophes and plural `s`.
    static func step1a(_ env: inout SnowballEnv) -> Bool {
        let v1 = env.limit - env.cursor
        env.ket = env.cursor
        if env.findAmongB(among1) == 0 {
            env.cursor = env.limit - v1
        } else {
            env.bra = env.cursor
            env.sliceDel()
        }
        env.ket = env.cursor
        let amongVar = env.findAmongB(among2)
        if amongVar == 0 { return false }
        env.bra = env.cursor
        switch amongVar {
        case 1:
            env.sliceFrom("ss")
        case 2:
            let v2 = env.limit - env.cursor
            if env.cursor - 2 < env.limitBackward {
                env.cursor = env.limit - v2
                env.sliceFrom("ie")
            } else {
                env.cursor -= 2
                env.sliceFrom("i")
            }
        case 3:
            if env.cursor <= env.limitBackward { return false }
            env.cursor -= 1
            if !env.goOutGroupingB(isVowel) { return false }
            env.cursor -= 1
            env.sliceDel()
        default:
            break
        }
        return true
    }

    /// Step 1b: `eed`, `ed`, `ing` and their `ly` forms.
    static func step1b(_ env: inout SnowballEnv, _ state: State) -> Bool {
        env.ket = env.cursor
        var amongVar = env.findAmongB(among5)
        env.bra = env.cursor
        let v1 = env.limit - env.cursor
        var useAlternative = false
        switch amongVar {
        case 1:
            let v2 = env.limit - env.cursor
            if r1(env, state) {
                let v3 = env.limit - env.cursor
                if env.findAmongB(among3) != 0 && env.cursor <= env.limitBackward {
                    // succ/proc/exc + eed(ly): leave alone
                } else {
                    env.cursor = env.limit - v3
                    env.sliceFrom("ee")
                }
            }
            env.cursor = env.limit - v2
        case 2:
            useAlternative = true
        case 3:
            amongVar = env.findAmongB(among4)
            if amongVar == 0 {
                useAlternative = true
            } else if amongVar == 1 {
                let v4 = env.limit - env.cursor
                if !env.outGroupingB(isVowel) || env.cursor > env.limitBackward {
                    useAlternative = true
                } else {
                    env.cursor = env.limit - v4
                    env.bra = env.cursor
                    env.sliceFrom("ie")
                }
            } else if env.cursor > env.limitBackward {
                useAlternative = true
            }
        default:
            break
        }
        if !useAlternative { return true }

        env.cursor = env.limit - v1
        let v5 = env.limit - env.cursor
        if !env.goOutGroupingB(isVowel) { return false }
        env.cursor -= 1
        env.cursor = env.limit - v5
        env.sliceDel()
        env.ket = env.cursor
        env.bra = env.cursor
        let v6 = env.limit - env.cursor
        amongVar = env.findAmongB(among6)
        switch amongVar {
        case 1:
            env.sliceFrom("e")
            return false
        case 2:
            let v7 = env.limit - env.cursor
            if env.inGroupingB(isAEO) && env.cursor <= env.limitBackward { return false }
            env.cursor = env.limit - v7
        default:
            if env.cursor != state.p1 { return false }
            let v8 = env.limit - env.cursor
            if !shortV(&env) { return false }
            env.cursor = env.limit - v8
            env.sliceFrom("e")
            return false
        }
        env.cursor = env.limit - v6
        env.ket = env.cursor
        if env.cursor <= env.limitBackward { return false }
        env.cursor -= 1
        env.bra = env.cursor
        env.sliceDel()
        return true
    }

    /// Step 1c: final `y`/`Y` after a non-vowel becomes `i`.
    static func step1c(_ env: inout SnowballEnv) -> Bool {
        env.ket = env.cursor
        if !env.eqCB(lowerY) && !env.eqCB(upperY) { return false }
        env.bra = env.cursor
        if !env.outGroupingB(isVowel) { return false }
        if env.cursor <= env.limitBackward { return false }
        env.sliceFrom("i")
        return true
    }

    /// Step 2: derivational suffixes in R1.
    static func step2(_ env: inout SnowballEnv, _ state: State) -> Bool {
        env.ket = env.cursor
        let amongVar = env.findAmongB(among7)
        if amongVar == 0 { return false }
        env.bra = env.cursor
        if !r1(env, state) { return false }
        switch amongVar {
        case 1: env.sliceFrom("tion")
        case 2: env.sliceFrom("ence")
        case 3: env.sliceFrom("ance")
        case 4: env.sliceFrom("able")
        case 5: env.sliceFrom("ent")
        case 6: env.sliceFrom("ize")
        case 7: env.sliceFrom("ate")
        case 8: env.sliceFrom("al")
        case 9: env.sliceFrom("ful")
        case 10: env.sliceFrom("ous")
        case 11: env.sliceFrom("ive")
        case 12: env.sliceFrom("ble")
        case 13: env.sliceFrom("og")
        case 14:
            if !env.eqCB(0x6C) { return false }  // l
            env.sliceFrom("og")
        case 15: env.sliceFrom("less")
        default:
            if !env.inGroupingB(isValidLI) { return false }
            env.sliceDel()
        }
        return true
    }

    /// Step 3: more derivational suffixes in R1 (and `ative` in R2).
    static func step3(_ env: inout SnowballEnv, _ state: State) -> Bool {
        env.ket = env.cursor
        let amongVar = env.findAmongB(among8)
        if amongVar == 0 { return false }
        env.bra = env.cursor
        if !r1(env, state) { return false }
        switch amongVar {
        case 1: env.sliceFrom("tion")
        case 2: env.sliceFrom("ate")
        case 3: env.sliceFrom("al")
        case 4: env.sliceFrom("ic")
        case 5: env.sliceDel()
        default:
            if !r2(env, state) { return false }
            env.sliceDel()
        }
        return true
    }

    /// Step 4: suffixes deleted in R2 (`ion` only after `s` or `t`).
    static func step4(_ env: inout SnowballEnv, _ state: State) -> Bool {
        env.ket = env.cursor
        let amongVar = env.findAmongB(among9)
        if amongVar == 0 { return false }
        env.bra = env.cursor
        if !r2(env, state) { return false }
        if amongVar == 1 {
            env.sliceDel()
        } else {
            if !env.eqCB(0x73) && !env.eqCB(0x74) { return false }  // s or t
            env.sliceDel()
        }
        return true
    }

    /// Step 5: final `e` and `ll`.
    static func step5(_ env: inout SnowballEnv, _ state: State) -> Bool {
        env.ket = env.cursor
        let amongVar = env.findAmongB(among10)
        if amongVar == 0 { return false }
        env.bra = env.cursor
        if amongVar == 1 {
            if !r2(env, state) {
                if !r1(env, state) { return false }
                let v1 = env.limit - env.cursor
                if shortV(&env) { return false }
                env.cursor = env.limit - v1
            }
            env.sliceDel()
        } else {
            if !r2(env, state) { return false }
            if !env.eqCB(0x6C) { return false }  // l
            env.sliceDel()
        }
        return true
    }

    /// Postlude: every `Y` back to `y` (only when the prelude marked one).
    static func postlude(_ env: inout SnowballEnv, _ state: State) {
        guard state.yFound else { return }
        let word = env.word
        for i in word.indices where word[i] == upperY { word[i] = lowerY }
    }
}

// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace digitpad::cli {

/// The options of one subcommand: declares them, parses `--name value`, `--name=value` and flags, and writes
/// the --help text. Every parsing problem throws UsageError with a one-line reason.
class ArgumentParser {
public:
    /// `usage` is the synopsis after "digitpad-cli ", e.g. "eval --model FILE [--data DIR]".
    ArgumentParser(std::string usage, std::string description);

    /// An option taking a value when `valueName` is not empty (shown as `--name VALUE` in the help), else a
    /// flag.
    void addOption(const std::string& name, const std::string& valueName, const std::string& help);
    /// Free text appended to the help (notes on output format, exit codes).
    void addNotes(const std::string& notes);

    /// Returns false when --help (or -h) was given: the caller prints help() and exits 0.
    bool parse(const std::vector<std::string>& args);

    bool has(const std::string& name) const;
    std::optional<std::string> value(const std::string& name) const;
    /// The value of a required option; throws UsageError naming it when missing.
    std::string required(const std::string& name) const;
    /// Integer option in [min, max]; `fallback` when absent. Throws UsageError for text or out-of-range
    /// values.
    long long integer(const std::string& name, long long fallback, long long min, long long max) const;
    /// Finite number in [min, max]; `fallback` when absent.
    double number(const std::string& name, double fallback, double min, double max) const;

    const std::vector<std::string>& positionals() const { return positionals_; }
    std::string help() const;

private:
    struct Option {
        std::string name;
        std::string valueName;
        std::string help;
    };
    const Option* find(const std::string& name) const;

    std::string usage_;
    std::string description_;
    std::string notes_;
    std::vector<Option> options_;
    std::map<std::string, std::string> values_;
    std::vector<std::string> positionals_;
};

} // namespace digitpad::cli

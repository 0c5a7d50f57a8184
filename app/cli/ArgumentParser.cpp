// SPDX-License-Identifier: GPL-3.0-or-later
#include "ArgumentParser.h"

#include "UsageError.h"

#include <charconv>
#include <cmath>
#include <sstream>

namespace digitpad::cli {

ArgumentParser::ArgumentParser(std::string usage, std::string description)
    : usage_(std::move(usage)), description_(std::move(description)) {}

void ArgumentParser::addOption(const std::string& name, const std::string& valueName,
                               const std::string& help) {
    options_.push_back({name, valueName, help});
}

void ArgumentParser::addNotes(const std::string& notes) {
    notes_ += notes;
}

const ArgumentParser::Option* ArgumentParser::find(const std::string& name) const {
    for (const Option& option : options_)
        if (option.name == name)
            return &option;
    return nullptr;
}

bool ArgumentParser::parse(const std::vector<std::string>& args) {
    // --help wins over every other mistake on the line, so a user can always ask for it.
    for (const std::string& arg : args) {
        if (arg == "--")
            break;
        if (arg == "--help" || arg == "-h")
            return false;
    }
    bool optionsEnded = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (optionsEnded || arg.size() < 2 || arg[0] != '-') {
            positionals_.push_back(arg);
            continue;
        }
        if (arg == "--") {
            optionsEnded = true;
            continue;
        }
        std::string name = arg;
        std::optional<std::string> inlineValue;
        if (const auto eq = arg.find('='); eq != std::string::npos) {
            name = arg.substr(0, eq);
            inlineValue = arg.substr(eq + 1);
        }
        const Option* option = find(name);
        if (option == nullptr)
            throw UsageError("unknown option '" + name + "'");
        if (option->valueName.empty()) {
            if (inlineValue)
                throw UsageError("option '" + name + "' takes no value");
            values_[name] = "";
            continue;
        }
        if (inlineValue) {
            values_[name] = *inlineValue;
        } else {
            if (i + 1 >= args.size())
                throw UsageError("option '" + name + "' needs a value (" + option->valueName + ")");
            values_[name] = args[++i];
        }
    }
    return true;
}

bool ArgumentParser::has(const std::string& name) const {
    return values_.count(name) != 0;
}

std::optional<std::string> ArgumentParser::value(const std::string& name) const {
    const auto it = values_.find(name);
    if (it == values_.end())
        return std::nullopt;
    return it->second;
}

std::string ArgumentParser::required(const std::string& name) const {
    const auto text = value(name);
    if (!text)
        throw UsageError("missing required option '" + name + "'");
    return *text;
}

long long ArgumentParser::integer(const std::string& name, long long fallback, long long min,
                                  long long max) const {
    const auto text = value(name);
    if (!text)
        return fallback;
    long long result = 0;
    const char* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, result);
    if (ec != std::errc() || ptr != end || text->empty())
        throw UsageError("option '" + name + "' expects a whole number, got '" + *text + "'");
    if (result < min || result > max)
        throw UsageError("option '" + name + "' must be between " + std::to_string(min) + " and " +
                         std::to_string(max) + ", got " + *text);
    return result;
}

double ArgumentParser::number(const std::string& name, double fallback, double min, double max) const {
    const auto text = value(name);
    if (!text)
        return fallback;
    double result = 0.0;
    const char* end = text->data() + text->size();
    const auto [ptr, ec] = std::from_chars(text->data(), end, result);
    if (ec != std::errc() || ptr != end || text->empty() || !std::isfinite(result))
        throw UsageError("option '" + name + "' expects a number, got '" + *text + "'");
    if (result < min || result > max) {
        std::ostringstream range;
        range << "option '" << name << "' must be between " << min << " and " << max << ", got " << *text;
        throw UsageError(range.str());
    }
    return result;
}

std::string ArgumentParser::help() const {
    std::ostringstream out;
    out << "Usage: digitpad-cli " << usage_ << "\n\n" << description_ << "\n\nOptions:\n";
    std::vector<std::string> left;
    std::size_t width = std::string("-h, --help").size();
    for (const Option& option : options_) {
        left.push_back(option.valueName.empty() ? option.name : option.name + " " + option.valueName);
        width = std::max(width, left.back().size());
    }
    for (std::size_t i = 0; i < options_.size(); ++i)
        out << "  " << left[i] << std::string(width - left[i].size() + 2, ' ') << options_[i].help << '\n';
    out << "  -h, --help" << std::string(width - 10 + 2, ' ') << "show this help and exit\n";
    if (!notes_.empty())
        out << '\n' << notes_;
    return out.str();
}

} // namespace digitpad::cli

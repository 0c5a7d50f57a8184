// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QString>

/// A class probability (0..1) as a person reads it, with one decimal: "97.3 %". A network is never certain,
/// so what would round to 100.0 % reads "> 99.9 %" and what would round to 0.0 % reads "< 0.1 %" (exactly 0
/// and 1 too: a probability is shown as a claim about the drawing, not as arithmetic).
QString probabilityText(double probability);

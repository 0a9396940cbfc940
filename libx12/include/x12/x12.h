#pragma once
// Umbrella header: everything libx12 offers.
#include "x12/delimiters.h"
#include "x12/envelope.h"
#include "x12/error.h"
#include "x12/finding.h"
#include "x12/input.h"
#include "x12/output.h"
#include "x12/reader.h"
#include "x12/segment.h"
#include "x12/writer.h"

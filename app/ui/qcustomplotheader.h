#pragma once

// Include QCustomPlot through this header. qcustomplot.h uses `foreach` in two templates, which the
// project's QT_NO_FOREACH takes away: a range-for stands in while the header is read.
#ifndef foreach
#define foreach(variable, container) for (variable : container)
#define KAFKALAB_QCP_FOREACH
#endif
#include <qcustomplot.h>
#ifdef KAFKALAB_QCP_FOREACH
#undef foreach
#undef KAFKALAB_QCP_FOREACH
#endif

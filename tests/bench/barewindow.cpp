// The baseline of the start-up benchmark: a bare Qt Widgets window of the app's size that quits
// as soon as its first frame is painted, measured the same way as `kafkalab --bench-startup`
// (tests/bench/appbench.py compares the two on the same machine).
#include <QApplication>
#include <QElapsedTimer>
#include <QMainWindow>

#include "app/firstframe.h"

int main(int argc, char **argv)
{
    QElapsedTimer clock;
    clock.start();
    QApplication app(argc, argv);
    QMainWindow window;
    window.resize(1280, 800);
    window.show();
    kafkalab::app::quitAfterFirstFrame(window, clock);
    return QApplication::exec();
}

// SPDX-License-Identifier: GPL-3.0-or-later
// gtest's main with a QGuiApplication, for tests that draw (tickets, screens) or load QML.
// Offscreen unless told otherwise: test discovery runs these binaries with no display.
#include <QGuiApplication>

#include <gtest/gtest.h>

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}

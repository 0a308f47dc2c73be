// GB/T 9704-2012 geometry as both layouts write it: the type area (版心) and its
// grid of 28 characters by 22 lines, in points from the page's top-left corner.
#pragma once

namespace nbtest {

constexpr double kMm = 72.0 / 25.4;
inline const double kLeft = 28 * kMm, kRight = (28 + 156) * kMm, kTop = 37 * kMm;
inline const double kPitch = 225 * kMm / 22, kCell = 156 * kMm / 28;

}  // namespace nbtest
